import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type StartedCluster } from "../../src/index.js";
import { runFaultIteration } from "../../src/run/fault-iteration.js";
import { History } from "../../src/history/history.js";
import type { FaultKindName, FaultPlan } from "../../src/faults/index.js";

/* Every fault kind against one real 5-node cluster (tick 3 s): applied, detected, healed, nothing else hurt (partitions: partitions and partial-partitions). */

const TICK_S = 3;
const deadlines = { detectMs: 15_000, healMs: 30_000, stableMs: 1_000 };
const history = new History();

function plan(kind: FaultKindName, targets: string[], extra: Partial<FaultPlan> = {}): FaultPlan {
  return { index: 1, kind, targets, durationMs: 500, waitBeforeMs: 0, ...extra } as FaultPlan;
}

async function expectHealed(cluster: StartedCluster, faultPlan: FaultPlan) {
  const result = await runFaultIteration({ cluster, history, deadlines }, faultPlan);
  expect(result.checks.filter((c) => c.verdict !== "pass"), JSON.stringify(result.checks, null, 1)).toEqual([]);
  expect(result.detectMs).not.toBeNull();
  expect(result.healMs).not.toBeNull();
  return result;
}

describe("each fault kind on a real cluster", () => {
  let cluster: StartedCluster;
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 5, netTicktime: TICK_S });
  });
  afterAll(async () => {
    await cluster?.down();
  });

  it("kill-many: a minority killed at once, restarted by the harness", async () => {
    await expectHealed(cluster, plan("kill-many", ["app@n2", "app@n4"]));
  });

  it("crash: the BEAM dies, Docker's restart policy alone brings the node back", async () => {
    const sinceMs = performance.now();
    const result = await expectHealed(cluster, plan("crash", ["app@n3"], { durationMs: 0 }));
    expect((await cluster.engineRestarts(["app@n3"], sinceMs))["app@n3"]!.atMs).toHaveLength(1);
    expect(result.detectMs).toBeLessThan(2_000);
  });

  it("stop: a graceful stop (SIGTERM), then start", async () => {
    await expectHealed(cluster, plan("stop", ["app@n5"], { graceMs: 5_000 }));
  });

  it("pause: frozen beyond the tick, survivors see net_tick_timeout, heals after unpause", async () => {
    const result = await expectHealed(cluster, plan("pause", ["app@n1"], { durationMs: 3 * TICK_S * 1000 }));
    // the tick detects a silent peer after 0.75-1.25 ticks, never at once
    expect(result.detectMs).toBeGreaterThan(0.5 * TICK_S * 1000);
  });
});
