import { describe, expect, it } from "vitest";
import { startCluster } from "../../src/index.js";
import { runKillIteration } from "../../src/run/kill-iteration.js";

/* Broken clusters the harness must report as failed: a harness that always says "pass" is worthless. */

const timing = { downtimeMs: 500, detectDeadlineMs: 15_000, healDeadlineMs: 10_000 };
const kill = { index: 1, fault: "kill" as const, target: "app@n3" };

describe("a cluster that cannot heal", () => {
  it("whose agent never reconnects is reported as not healed, with no heal time", async () => {
    await using cluster = await startCluster({ nodes: 3, agentReconnect: "off" });
    const result = await runKillIteration(cluster, kill, timing);
    expect(result.verdict).toBe("fail");
    expect(result.healMs).toBeNull();
    const mesh = result.checks.find((c) => c.name === "mesh healed");
    expect(mesh?.verdict).toBe("fail");
    expect(mesh?.detail).toContain("not healed by itself within 10 s");
    expect(mesh?.detail).toContain("app@n1 does not see app@n3");
    expect(result.checks.find((c) => c.name === "reachability")?.verdict).toBe("unknown");
  });

  it("whose pool workers do not rejoin pg is reported as pg not converged, though the mesh heals", async () => {
    await using cluster = await startCluster({ nodes: 3, pgRejoin: "off" });
    const result = await runKillIteration(cluster, kill, timing);
    expect(result.verdict).toBe("fail");
    expect(result.checks.find((c) => c.name === "mesh healed")?.verdict).toBe("pass");
    const pg = result.checks.find((c) => c.name === "pg converged");
    expect(pg?.verdict).toBe("fail");
    expect(pg?.detail).toContain("app@n3: 0 local members in pool, expected 2");
  });
});
