import { describe, expect, it } from "vitest";
import { startCluster, type ClusterOptionsInput } from "../../src/index.js";
import type { IterationResult } from "../../src/report/run-result.js";
import { runFaultIteration } from "../../src/run/fault-iteration.js";
import { History } from "../../src/history/history.js";
import type { PlannedFault } from "../../src/faults/index.js";

/* Broken clusters and faults that did not happen: the harness must say "fail", and say why. */

const TICK_S = 3;
const deadlines = { detectMs: 15_000, healMs: 10_000, stableMs: 1_000 };
// a node that never dials again cannot heal at all: a short deadline ends the wait, the detail says it was the node not seen
const NEVER_HEALS = { ...deadlines, healMs: 5_000 };

async function iterate(options: ClusterOptionsInput, plan: PlannedFault, within = deadlines): Promise<IterationResult> {
  await using cluster = await startCluster({ nodes: 3, netTicktime: TICK_S, ...options });
  // await before `cluster` is disposed at the end of this block
  return await runFaultIteration({ cluster, history: new History(), deadlines: within }, { index: 1, waitBeforeMs: 0, ...plan });
}

function check(result: IterationResult, name: string) {
  return result.checks.find((c) => c.name === name);
}

const isolateN3 = { "app@n1": ["app@n2"], "app@n2": ["app@n1"], "app@n3": [] };

describe("a cluster whose agent never reconnects is reported as not healed", () => {
  it.each<[string, PlannedFault]>([
    ["kill", { kind: "kill", targets: ["app@n3"], durationMs: 500 }],
    ["stop", { kind: "stop", targets: ["app@n3"], durationMs: 500, graceMs: 5_000 }],
    ["partition", { kind: "partition", targets: ["app@n3"], shape: "isolate", method: "iptables", view: isolateN3, durationMs: 3 * TICK_S * 1000 }],
  ])("after a %s", async (_kind, plan) => {
    const result = await iterate({ agentReconnect: "off" }, plan, NEVER_HEALS);
    expect(result.verdict).toBe("fail");
    expect(result.healMs).toBeNull();
    expect(check(result, "fault applied")?.verdict).toBe("pass");
    expect(check(result, "mesh healed")?.verdict).toBe("fail");
    expect(check(result, "mesh healed")?.detail).toContain("not healed by itself within 5 s");
    expect(check(result, "mesh healed")?.detail).toMatch(/app@n\d does not see app@n3/);
    expect(check(result, "reachability")?.verdict).toBe("unknown");
  });
});

describe("a cluster whose pool workers do not rejoin pg is reported as pg not converged", () => {
  it.each<[string, PlannedFault]>([
    ["crash", { kind: "crash", targets: ["app@n3"], durationMs: 0 }],
    ["kill-many", { kind: "kill-many", targets: ["app@n3"], durationMs: 500 }],
  ])("after a %s, though the mesh heals", async (_kind, plan) => {
    const result = await iterate({ pgRejoin: "off" }, plan);
    expect(result.verdict).toBe("fail");
    expect(check(result, "mesh healed")?.verdict).toBe("pass");
    expect(check(result, "pg converged")?.verdict).toBe("fail");
    expect(check(result, "pg converged")?.detail).toContain("app@n3: 0 local members in pool (scope meshproof), expected 2");
  });
});

describe("a fault that was not applied is not reported as detected", () => {
  it("a pause lifted at once, before any tick could notice it", async () => {
    const result = await iterate({}, { kind: "pause", targets: ["app@n2"], durationMs: 200 });
    expect(result.verdict).toBe("fail");
    expect(result.detectMs).toBeNull();
    expect(check(result, "fault applied")?.verdict).toBe("fail");
    expect(check(result, "fault applied")?.detail).toContain("app@n1 still sees app@n2");
    // the cluster itself was never hurt: it is whole afterwards
    expect(check(result, "mesh healed")?.verdict).toBe("pass");
  });
});
