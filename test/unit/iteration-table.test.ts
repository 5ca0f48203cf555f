import { describe, it, expect } from "vitest";
import type { CheckResult } from "../../src/checks/verdict.js";
import { reportSchema, type Report } from "../../src/report/report-schema.js";
import { scenarioSchema } from "../../src/scenario/scenario.js";
import { buildReport } from "../../src/report/build-report.js";
import { iterationTable } from "../../src/report/iteration-table.js";
import { layerTable } from "../../src/report/layer-table.js";
import type { IterationResult, ScenarioResult } from "../../src/report/run-result.js";
import { planFaults } from "../../src/run/plan-schedule.js";
import { layerOutcomes } from "./layer-outcomes.js";

const NODES = ["app@n1", "app@n2", "app@n3", "app@n4", "app@n5"];
const SEED = 5;
const pass = (name: string): CheckResult => ({ name, verdict: "pass", detail: "ok" });

type Row = Pick<IterationResult, "fault" | "targets"> & Partial<IterationResult>;

/** A passing run of the given iterations, through buildReport (so it satisfies the published schema). */
function report(rows: Row[], checks: CheckResult[] = [], finalLayers?: ScenarioResult["finalLayers"]): Report {
  const scenario = scenarioSchema.parse({ count: rows.length });
  const iterations: IterationResult[] = rows.map((row, i) => ({
    index: i + 1,
    detectMs: 1_000,
    healMs: 2_000,
    healResolutionMs: 20,
    verdict: "pass",
    checks: [pass("mesh healed")],
    layers: layerOutcomes(),
    ...row,
  }));
  return buildReport({
    runId: "run-table",
    seed: SEED,
    scenario,
    schedule: planFaults(scenario, NODES, SEED),
    reproduce: `meshproof run --seed ${SEED}`,
    startedAt: new Date("2025-01-02T03:04:05.000Z"),
    durationMs: 1_234,
    observations: [],
    nodes: NODES,
    result: { iterations, checks, stats: { overall: { detect: null, heal: null, healResolution: null }, byFault: {} }, verdict: "pass", ...(finalLayers ? { finalLayers } : {}) },
  });
}

/** The table's cells, row by row (header first), without its borders. */
function cells(table: string): string[][] {
  return table
    .split("\n")
    .filter((line) => line.includes("│"))
    .map((line) =>
      line
        .split("│")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

const RESTARTED_BY = 3;
/** The layer cells of a row as layerOutcomes() gives them: mesh, pg and global healed, Mnesia and invariants not present. */
const LAYER_CELLS = ["900", "930", "910", "–", "–"];

describe("iterationTable", () => {
  it("has a restart column after the target, and one column per layer after the verdict", () => {
    expect(cells(iterationTable(report([{ fault: "kill", targets: ["app@n1"] }])))[0]).toEqual([
      "#",
      "fault",
      "target",
      "restart",
      "detect",
      "heal",
      "verdict",
      "mesh",
      "pg",
      "global",
      "mnesia",
      "inv",
    ]);
  });

  it.each(["swarm", "harness", "docker"] as const)("shows %s as who restarted the target", (restarter) => {
    const r = report([{ fault: "kill", targets: ["app@n2"], restartedBy: { "app@n2": restarter } }]);
    expect(reportSchema.safeParse(r).success).toBe(true);
    const [, row] = cells(iterationTable(r));
    expect(row).toEqual(["1", "kill", "app@n2", restarter, "1000", "2000", "pass", ...LAYER_CELLS]);
  });

  it("names the restarter once for several targets", () => {
    const r = report([{ fault: "kill-many", targets: ["app@n2", "app@n4"], restartedBy: { "app@n2": "swarm", "app@n4": "swarm" } }]);
    expect(cells(iterationTable(r))[1]![RESTARTED_BY]).toBe("swarm");
  });

  it("names each restarter when targets were brought back by different ones", () => {
    const r = report([{ fault: "kill-many", targets: ["app@n2", "app@n4"], restartedBy: { "app@n2": "harness", "app@n4": "docker" } }]);
    expect(cells(iterationTable(r))[1]![RESTARTED_BY]).toBe("harness, docker");
  });

  it("shows - when nobody had to restart anything", () => {
    const r = report([
      { fault: "pause", targets: ["app@n3"] },
      { fault: "partition", targets: ["app@n1"], shape: "isolate" },
      { fault: "crash", targets: ["app@n5"], restartedBy: {} },
    ]);
    const rows = cells(iterationTable(r)).slice(1);
    expect(rows.map((row) => row[RESTARTED_BY])).toEqual(["-", "-", "-"]);
    expect(rows[1]![1]).toBe("partition isolate");
  });

  it("gives one row per iteration, in order, with - for missing times", () => {
    const r = report([
      { fault: "crash", targets: ["app@n1"], restartedBy: { "app@n1": "docker" } },
      { fault: "stop", targets: ["app@n3"], restartedBy: { "app@n3": "harness" }, healMs: null, detectMs: null, verdict: "fail" },
    ]);
    const rows = cells(iterationTable(r)).slice(1);
    expect(rows).toEqual([
      ["1", "crash", "app@n1", "docker", "1000", "2000", "pass", ...LAYER_CELLS],
      ["2", "stop", "app@n3", "harness", "-", "-", "fail", ...LAYER_CELLS],
    ]);
  });

  it("ends with the run's checks, their restart and layer cells empty", () => {
    const r = report([{ fault: "kill", targets: ["app@n2"], restartedBy: { "app@n2": "harness" } }], [pass("final heal")]);
    const rows = cells(iterationTable(r));
    expect(rows).toHaveLength(3);
    expect(rows[2]).toEqual(["", "final heal", "", "", "", "", "pass", "", "", "", "", ""]);
  });

  it("shows a layer's heal ms over its resolution when it passed, FAIL, ? when unknown, ok for a pass without a heal time, – when not present", () => {
    const r = report([
      {
        fault: "kill",
        targets: ["app@n2"],
        verdict: "fail",
        layers: layerOutcomes({
          mesh: { verdict: "pass", detectMs: 40, healMs: 900, healResolutionMs: 31 },
          pg: { verdict: "fail", detectMs: 45, healMs: null },
          global: { verdict: "unknown", detectMs: null, healMs: null, reason: "not judged: the harness could not inflict the fault: no" },
          mnesia: { verdict: "pass", detectMs: null, healMs: null },
        }),
      },
    ]);
    const rows = cells(iterationTable(r));
    expect(rows[1]!.slice(-5)).toEqual(["900", "FAIL", "?", "ok", "–"]);
    // the resolution under the heal time, on the row's second line
    expect(rows[2]!.slice(-5)).toEqual(["±31", "", "", "", ""]);
  });

  it("says unchanged instead of a heal time for a layer the fault never showed in", () => {
    const r = report([{ fault: "kill", targets: ["app@n2"], layers: layerOutcomes({ global: { verdict: "pass", detectMs: null, healMs: null, unchanged: true } }) }]);
    expect(cells(iterationTable(r))[1]!.slice(-5)).toEqual(["900", "930", "unchanged", "–", "–"]);
  });

  it("says under the table what the cells mean", () => {
    expect(iterationTable(report([{ fault: "kill", targets: ["app@n2"] }])).split("\n").slice(-2)).toEqual([
      "times in ms; per layer: heal ms over ±resolution if it passed, unchanged if the fault never showed in it,",
      "FAIL, ? unknown or not judged after the fault, – not present; inv: invariants",
    ]);
  });

  it("fits 120 columns for a partition of two named nodes with five-digit times, four-digit resolutions and an unknown verdict", () => {
    const slow = { verdict: "pass" as const, detectMs: 10_000, healMs: 12_345, healResolutionMs: 2_345 };
    const r = report([
      {
        fault: "partition",
        shape: "halves",
        targets: ["app@n1", "app@n2"],
        detectMs: 12_345,
        healMs: 12_345,
        verdict: "unknown",
        layers: layerOutcomes({ mesh: slow, pg: slow, global: slow, mnesia: slow, invariants: { verdict: "fail", detectMs: 1, healMs: null } }),
      },
    ]);
    const lines = iterationTable(r).split("\n");
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(120);
  });
});

describe("layerTable", () => {
  it("gives each layer its verdict over the run and heal p50 and p95, - where none healed", () => {
    const slowMesh = (healMs: number) => layerOutcomes({ mesh: { verdict: "pass", detectMs: 40, healMs } });
    const r = report(
      [
        { fault: "kill", targets: ["app@n2"], layers: slowMesh(800) },
        { fault: "kill", targets: ["app@n3"], layers: slowMesh(1_600) },
      ],
      [pass("final heal")],
      { global: "fail" },
    );
    expect(cells(layerTable(r))).toEqual([
      ["layer", "verdict", "heal p50", "p95"],
      ["mesh", "pass", "800", "1600"],
      ["pg", "pass", "930", "930"],
      ["global", "fail", "910", "910"],
      ["mnesia", "not present", "-", "-"],
      ["invariants", "not present", "-", "-"],
    ]);
  });
});
