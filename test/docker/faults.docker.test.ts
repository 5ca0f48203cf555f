import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusterOptionsSchema, startCluster, type StartedCluster } from "../../src/index.js";
import { runFaultIteration } from "../../src/run/fault-iteration.js";
import { History } from "../../src/history/history.js";
import { partitionView } from "../../src/schedule/partition-shapes.js";
import { seededRng } from "../../src/schedule/rng.js";
import type { FaultKindName, FaultPlan } from "../../src/faults/index.js";
import { expectGlobalLostAndRemedied, failedOnGlobalAlone } from "./global-lost.js";

/* Every fault kind against one real 5-node cluster (tick 3 s): applied, detected, healed, nothing else hurt (partitions: on default clusters, below). */

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
  // down before the partitions' clusters start: two clusters at once would share the two cores
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

// every partition shape on the default cluster (OTP 27, tick 5 s), a cluster of its own per shape, over several
// seeds in turn: every layer must heal after each. global too, or else meshproof's failed verdict must be proven
// right (global-lost.ts): OTP 27's global lost a name after a ring partition in one of the CI runs of 2026-12-07
// (docs/limitations.md). Each partition lasts 3 ticks: held for 2, an isolate by disconnect (seed 1, app@n2) left
// app@n2's global name missing on app@n3 for good, in 2 of 2 runs (2026-12-07).
const PARTITION_SEEDS = [1, 2, 3];
const DEFAULT_TICK_MS = clusterOptionsSchema.parse({}).netTicktime * 1000;
const PARTITION_MS = 3 * DEFAULT_TICK_MS;
describe.each([
  ["halves", "iptables"],
  ["majority", "iptables"],
  ["isolate", "iptables"],
  ["isolate", "disconnect"],
  ["bridge", "iptables"],
  ["ring", "iptables"],
] as const)("a partition (%s, %s) on the default cluster", (shape, method) => {
  it(`heals every layer after each of seeds ${PARTITION_SEEDS.join(", ")}`, async () => {
    await using own = await startCluster({ nodes: 5 });
    for (const seed of PARTITION_SEEDS) {
      const view = partitionView(shape, own.nodeNames, seededRng(seed));
      const fewest = Math.min(...Object.values(view).map((peers) => peers.length));
      const targets = own.nodeNames.filter((node) => view[node]!.length === fewest);
      const result = await runFaultIteration(
        { cluster: own, history, deadlines: { ...deadlines, detectMs: 3 * DEFAULT_TICK_MS } },
        plan("partition", targets, { index: seed, shape, method, view, durationMs: PARTITION_MS }),
      );
      const globalVerdict = failedOnGlobalAlone(result.checks);
      if (globalVerdict) {
        console.warn(`${shape} partition, seed ${seed}: OTP's global lost its way: ${await expectGlobalLostAndRemedied(own, globalVerdict)}`);
        continue;
      }
      expect(result.checks.filter((c) => c.verdict !== "pass"), `seed ${seed}: ${JSON.stringify(result.checks, null, 1)}`).toEqual([]);
      expect(result.layers.global.verdict).toBe("pass");
    }
  });
});
