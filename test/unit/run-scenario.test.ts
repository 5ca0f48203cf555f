import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { History } from "../../src/history/history.js";
import { planFaults } from "../../src/run/plan-schedule.js";
import { runScenario } from "../../src/run/run-scenario.js";
import { scenarioSchema, type ScenarioInput } from "../../src/scenario/scenario.js";
import type { IterationResult } from "../../src/report/run-result.js";
import { FakeCluster } from "./fake-cluster.js";

// generous for a fake: a loaded machine must not turn a pass into a missed deadline
const FAST = { deadlines: { detect: "1500ms", heal: "1500ms", stable: "40ms" }, recoveryWindow: "1500ms" } as const;

/** A seeded schedule of the scenario run on the fake cluster, each iteration handed to onIteration as it ends. */
async function runOn(cluster: FakeCluster, input: ScenarioInput, onIteration?: (result: IterationResult) => void) {
  const scenario = scenarioSchema.parse({ cluster: { nodes: cluster.nodeNames.length }, ...FAST, ...input });
  const history = new History(join(mkdtempSync(join(tmpdir(), "meshproof-scenario-")), "history.ndjson"));
  try {
    return await runScenario(cluster, scenario, planFaults(scenario, cluster.nodeNames, 7), { history, onIteration });
  } finally {
    history.close();
  }
}

describe("runScenario on a fake cluster", () => {
  it("runs every planned fault, then the final heal, and times each kind", async () => {
    const result = await runOn(new FakeCluster(3), { faults: [{ kind: "kill", downtime: "30ms" }, { kind: "stop", downtime: "30ms", grace: "0s" }], order: "cycle", count: 3 });
    expect(result.iterations.map((it) => [it.fault, it.verdict])).toEqual([
      ["kill", "pass"],
      ["stop", "pass"],
      ["kill", "pass"],
    ]);
    expect(result.checks.map((c) => [c.name, c.verdict])).toEqual([
      ["final heal", "pass"],
      ["final heal: no unexpected disconnect", "pass"],
      ["final heal: views agreed between looks", "pass"],
    ]);
    expect(result.verdict).toBe("pass");
    expect(Object.keys(result.stats.byFault).sort()).toEqual(["kill", "stop"]);
    expect(result.finalLayers).toMatchObject({ mesh: "pass", pg: "pass" });
  });

  it("fails the final heal of a cluster that lost a node after its last iteration and does not take it back", async () => {
    const cluster = new FakeCluster(3);
    const result = await runOn(cluster, { faults: [{ kind: "kill", downtime: "30ms" }], count: 1 }, () => {
      // the iteration healed; now a node dies by itself, nothing restarts it, and its peers never dial it again
      cluster.restartPolicy = false;
      cluster.reconnects = false;
      cluster.crashByItself("app@n3");
    });
    expect(result.iterations.map((it) => it.verdict)).toEqual(["pass"]);
    expect(cluster.calls).toContain("restart app@n3"); // the final heal lifted what it could
    expect(result.checks).toMatchObject([{ name: "final heal", verdict: "fail" }]);
    expect(result.verdict).toBe("fail");
  });
});
