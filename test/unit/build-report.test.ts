import { describe, it, expect } from "vitest";
import type { CheckResult } from "../../src/checks/verdict.js";
import { reportSchema } from "../../src/report/report-schema.js";
import { scenarioSchema, type Scenario } from "../../src/scenario/scenario.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";
import { buildReport, type RunFacts } from "../../src/report/build-report.js";
import type { FaultPlan } from "../../src/faults/index.js";
import type { IterationResult, ScenarioResult } from "../../src/report/run-result.js";
import { timeStats } from "../../src/run/run-scenario.js";
import { planFaults } from "../../src/run/plan-schedule.js";
import type { LayerOutcome, LayerOutcomes } from "../../src/checks/layer.js";
import { layerOutcomes } from "./layer-outcomes.js";

const SEED = 4242;
const NODES = ["app@n1", "app@n2", "app@n3", "app@n4", "app@n5"];
const REPRODUCE = `meshproof run --scenario chaos.yaml --seed ${SEED}`;

/** Three faults in order: two nodes killed, one paused, one isolated. */
const SCENARIO: Scenario = scenarioSchema.parse({
  faults: [{ kind: "kill-many", target: { count: 2 } }, { kind: "pause" }, { kind: "partition", shape: "isolate" }],
  order: "cycle",
  count: 3,
});
const SCHEDULE: FaultPlan[] = planFaults(SCENARIO, NODES, SEED);

const pass = (name: string): CheckResult => ({ name, verdict: "pass", detail: "ok" });
const PASSING_CHECKS = () => [pass("healthy before fault: mesh"), pass("fault applied"), pass("mesh healed"), pass("pg converged"), pass("reachability"), pass("no cascade")];
const FINAL_HEAL_PASS: CheckResult = { name: "final heal", verdict: "pass", detail: "after lifting every fault the cluster is whole" };

const PG_UNHEALED: LayerOutcome = { verdict: "fail", detectMs: 45, healMs: null };

function iteration(plan: FaultPlan, checks: CheckResult[] = PASSING_CHECKS(), verdict: IterationResult["verdict"] = "pass", layers: LayerOutcomes = layerOutcomes()): IterationResult {
  return {
    index: plan.index,
    fault: plan.kind,
    targets: plan.targets,
    ...("shape" in plan ? { shape: plan.shape } : {}),
    detectMs: 1_000 + plan.index * 100,
    healMs: verdict === "pass" ? 2_000 + plan.index * 100 : null,
    healResolutionMs: verdict === "pass" ? 30 : null,
    layers,
    verdict,
    checks,
  };
}

function result(iterations: IterationResult[], checks: CheckResult[], verdict: ScenarioResult["verdict"]): ScenarioResult {
  return { iterations, checks, stats: timeStats(iterations), verdict };
}

function observed(node: string): NodeObservation {
  return {
    node,
    status: "ok",
    info: { otpRelease: "25", otpVersion: "25.3.2", kernelVersion: "8.5.4.4", creation: 7, osPid: "99" },
    mesh: NODES.filter((n) => n !== node),
    atMs: 0,
  };
}

function facts(scenarioResult: ScenarioResult): RunFacts {
  return {
    runId: "run-abc123",
    seed: SEED,
    scenario: SCENARIO,
    schedule: SCHEDULE,
    reproduce: REPRODUCE,
    startedAt: new Date("2025-01-02T03:04:05.000Z"),
    durationMs: 12_345.6,
    // app@n5 did not answer the last observation
    observations: [...NODES.slice(0, 4).map(observed), { node: "app@n5", status: "timeout", reason: "no answer", atMs: 0 }],
    nodes: NODES,
    result: scenarioResult,
  };
}

function passingRun(): ScenarioResult {
  return result(SCHEDULE.map((plan) => iteration(plan)), [FINAL_HEAL_PASS], "pass");
}

const PG_FAIL: CheckResult = { name: "pg converged", verdict: "fail", detail: "app@n1: get_members(pool) lacks app@n2<0.90.0>#8" };

/** The pause (second fault) did not heal pg; the run stopped there. */
function failingRun(): ScenarioResult {
  const [first, second] = SCHEDULE as [FaultPlan, FaultPlan];
  return result(
    [iteration(first), iteration(second, [pass("fault applied"), pass("mesh healed"), PG_FAIL, pass("no cascade")], "fail", layerOutcomes({ pg: PG_UNHEALED }))],
    [{ name: "final heal", verdict: "unknown", detail: "not run: iteration 2 failed" }],
    "fail",
  );
}

describe("buildReport", () => {
  it("plans a schedule with several targets and a partition shape (test setup)", () => {
    expect(SCHEDULE.map((p) => p.kind)).toEqual(["kill-many", "pause", "partition"]);
    expect(SCHEDULE[0]!.targets).toHaveLength(2);
    expect((SCHEDULE[2] as Extract<FaultPlan, { kind: "partition" }>).shape).toBe("isolate");
  });

  it("builds a report that satisfies the published schema, passing and failing", () => {
    for (const run of [passingRun(), failingRun()]) {
      const parsed = reportSchema.safeParse(buildReport(facts(run)));
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });

  it("reports the default scenario's ten kills", () => {
    const scenario = scenarioSchema.parse({});
    const schedule = planFaults(scenario, NODES, SEED);
    const run = result(schedule.map((plan) => iteration(plan)), [FINAL_HEAL_PASS], "pass");
    const report = buildReport({ ...facts(run), scenario, schedule });
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report.iterations).toHaveLength(10);
    expect(report.summary).toBe("all 10 faults (kill) were detected and healed");
  });

  it("keeps the seed, the reproduce command, the verdict and the run's facts", () => {
    const report = buildReport(facts(passingRun()));
    expect(report.seed).toBe(SEED);
    expect(report.reproduce).toBe(REPRODUCE);
    expect(report.verdict).toBe("pass");
    expect(report.runId).toBe("run-abc123");
    expect(report.startedAt).toBe("2025-01-02T03:04:05.000Z");
    expect(report.durationMs).toBe(12_346);
    expect(report.meshproofVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("keeps the scenario as run and the schedule as planned", () => {
    const report = buildReport(facts(passingRun()));
    expect(report.scenario).toEqual(SCENARIO);
    expect(report.schedule).toEqual(SCHEDULE);
  });

  it("gives each iteration its targets, joined by ', ' as target, and a partition its shape", () => {
    const report = buildReport(facts(passingRun()));
    expect(report.iterations.map((it) => it.index)).toEqual([1, 2, 3]);
    for (const [i, it] of report.iterations.entries()) {
      expect(it.targets).toEqual(SCHEDULE[i]!.targets);
      expect(it.target).toBe(SCHEDULE[i]!.targets.join(", "));
    }
    expect(report.iterations[0]!.target).toMatch(/^app@n\d, app@n\d$/);
    expect(report.iterations[2]!.shape).toBe("isolate");
    expect(report.iterations[0]).not.toHaveProperty("shape");
  });

  it("records each node's OTP release and kernel version from the last observation, null when it did not answer", () => {
    const report = buildReport(facts(passingRun()));
    expect(report.nodes).toEqual([
      ...NODES.slice(0, 4).map((name) => ({ name, otpRelease: "25", otpVersion: "25.3.2", kernelVersion: "8.5.4.4" })),
      { name: "app@n5", otpRelease: null, otpVersion: null, kernelVersion: null },
    ]);
  });

  it("names each node's host where the cluster has several (swarm), and none where it has one", () => {
    const hosts = Object.fromEntries(NODES.map((name, i) => [name, `host-${(i % 3) + 1}`]));
    const report = buildReport({ ...facts(passingRun()), hosts });
    expect(report.nodes.map((n) => n.host)).toEqual(NODES.map((_, i) => `host-${(i % 3) + 1}`));
    expect(buildReport(facts(passingRun())).nodes[0]).not.toHaveProperty("host");
  });

  it("carries the run-level checks and the time statistics", () => {
    const run = passingRun();
    const report = buildReport(facts(run));
    expect(report.checks).toEqual([FINAL_HEAL_PASS]);
    expect(report.stats).toEqual(run.stats);
    expect(Object.keys(report.stats.byFault).sort()).toEqual(["kill-many", "partition", "pause"]);
    expect(report.stats.overall.heal).toMatchObject({ count: 3, min: 2_100, max: 2_300 });
  });

  it("keeps a stuck global's findings as data in report.json, and its hint in the summary", () => {
    const stuckNode = {
      node: "app@n3",
      kernelVersion: "8.5.3",
      fix: { kernel: "8.5.3", has: false as const, upgradeTo: { kernel: "8.5.4.4", otp: "25.3.2.17" } },
      pendingWith: ["app@n4"],
      connectedNotKnown: ["app@n4"],
      knownNotConnected: [],
      lockHeldFrom: [],
      disconnect: ["app@n4"],
    };
    const finalHeal: CheckResult = { name: "final heal", verdict: "fail", detail: "global converged: global stuck: app@n3 waits on a sync with app@n4", globalStuck: { nodes: [stuckNode] } };
    const report = buildReport(facts(result(SCHEDULE.map((plan) => iteration(plan)), [finalHeal], "fail")));
    expect(reportSchema.parse(JSON.parse(JSON.stringify(report))).checks[0]?.globalStuck).toEqual({ nodes: [stuckNode] });
    expect(report.summary).toBe("final heal fail: global converged: global stuck: app@n3 waits on a sync with app@n4");
  });

  it("lists the fault kinds in the summary of a passing run", () => {
    const report = buildReport(facts(passingRun()));
    expect(report.summary).toBe("all 3 faults (kill-many, pause, partition) were detected and healed");
  });

  it("names the failing fault, its targets and its failing check in the summary of a failed run", () => {
    const report = buildReport(facts(failingRun()));
    const pause = SCHEDULE[1]!;
    expect(report.verdict).toBe("fail");
    expect(report.summary).toBe(`pause 2 (${pause.targets.join(", ")}): pg converged fail: ${PG_FAIL.detail}; stopped after 2 of 3 faults`);
    expect(report.summary).not.toContain("final heal");
  });

  it("names the check that could not judge in the summary of an unknown run", () => {
    const unknown: CheckResult = { name: "no cascade", verdict: "unknown", detail: "checker failed: boom" };
    const first = SCHEDULE[0]!;
    const run = result(SCHEDULE.map((plan) => iteration(plan, plan.index === 1 ? [pass("fault applied"), unknown] : PASSING_CHECKS(), plan.index === 1 ? "unknown" : "pass")), [FINAL_HEAL_PASS], "unknown");
    const report = buildReport(facts(run));
    expect(report.verdict).toBe("unknown");
    expect(report.summary).toBe(`kill-many 1 (${first.targets.join(", ")}): no cascade unknown: checker failed: boom`);
  });

  it("names a failing run-level check when every iteration passed", () => {
    const finalHeal: CheckResult = { name: "final heal", verdict: "fail", detail: "mesh: app@n3 does not see app@n4" };
    const run = result(SCHEDULE.map((plan) => iteration(plan)), [finalHeal], "fail");
    const report = buildReport(facts(run));
    expect(report.verdict).toBe("fail");
    expect(report.summary).toBe("final heal fail: mesh: app@n3 does not see app@n4");
  });

  it("names a heal budget that was exceeded", () => {
    const budget: CheckResult = { name: "heal p95 budget", verdict: "fail", detail: "p95 2300 ms exceeds budget 1000 ms (n=3)" };
    const report = buildReport(facts(result(SCHEDULE.map((plan) => iteration(plan)), [FINAL_HEAL_PASS, budget], "fail")));
    expect(report.summary).toBe("heal p95 budget fail: p95 2300 ms exceeds budget 1000 ms (n=3)");
  });

  it("refuses to build a report that breaks the schema", () => {
    expect(() => buildReport({ ...facts(passingRun()), seed: -1 })).toThrow();
  });

  it("never contains the cookie", () => {
    for (const run of [passingRun(), failingRun()]) {
      expect(JSON.stringify(buildReport(facts(run)))).not.toMatch(/cookie/i);
    }
  });

  it("drops a cookie smuggled into an iteration instead of writing it", () => {
    const run = passingRun();
    (run.iterations[0] as IterationResult & { cookie?: string }).cookie = "SECRETCOOKIEVALUE";
    const json = JSON.stringify(buildReport(facts(run)));
    expect(json).not.toMatch(/cookie/i);
    expect(json).not.toContain("SECRETCOOKIEVALUE");
  });

  it("refuses a scenario that carries a cookie rather than writing it", () => {
    const scenario = { ...SCENARIO, cookie: "SECRETCOOKIEVALUE" } as Scenario;
    expect(() => buildReport({ ...facts(passingRun()), scenario })).toThrow(/cookie/);
  });
});

describe("buildReport: each layer over the run", () => {
  const [first, second, third] = SCHEDULE as [FaultPlan, FaultPlan, FaultPlan];
  const layersOf = (layers: LayerOutcomes[], finalLayers?: ScenarioResult["finalLayers"]) => {
    const run = result([first, second, third].slice(0, layers.length).map((plan, i) => iteration(plan, PASSING_CHECKS(), "pass", layers[i])), [FINAL_HEAL_PASS], "pass");
    return buildReport(facts({ ...run, ...(finalLayers ? { finalLayers } : {}) })).layers;
  };
  const healedIn = (healMs: number): LayerOutcome => ({ verdict: "pass", detectMs: 40, healMs });

  it("passes the layers that healed every time, with p50 and p95 of their heal times; the absent ones are not present", () => {
    const layers = layersOf([layerOutcomes({ mesh: healedIn(900) }), layerOutcomes({ mesh: healedIn(1_200) }), layerOutcomes({ mesh: healedIn(1_000) })]);
    expect(layers.mesh).toEqual({ verdict: "pass", healP50Ms: 1_000, healP95Ms: 1_200 });
    expect(layers.pg).toEqual({ verdict: "pass", healP50Ms: 930, healP95Ms: 930 });
    expect(layers.mnesia).toEqual({ verdict: "not present", healP50Ms: null, healP95Ms: null });
    expect(layers.invariants).toEqual({ verdict: "not present", healP50Ms: null, healP95Ms: null });
  });

  it("fails a layer that failed in one iteration, and leaves its unhealed iteration out of the heal times", () => {
    const layers = layersOf([layerOutcomes(), layerOutcomes({ pg: PG_UNHEALED }), layerOutcomes({ pg: { verdict: "unknown", detectMs: null, healMs: 2_000 } })]);
    expect(layers.pg).toEqual({ verdict: "fail", healP50Ms: 930, healP95Ms: 2_000 });
    expect(layers.mesh.verdict).toBe("pass");
  });

  it("makes a layer unknown where one iteration could not judge it and none failed it", () => {
    const layers = layersOf([layerOutcomes(), layerOutcomes({ global: { verdict: "unknown", detectMs: 40, healMs: null } })]);
    expect(layers.global.verdict).toBe("unknown");
  });

  it("judges a layer present in some iterations only by those", () => {
    const mnesia = (verdict: LayerOutcome["verdict"]): LayerOutcome => ({ verdict, detectMs: null, healMs: verdict === "pass" ? 1_500 : null });
    expect(layersOf([layerOutcomes({ mnesia: mnesia("pass") }), layerOutcomes()]).mnesia).toEqual({ verdict: "pass", healP50Ms: 1_500, healP95Ms: 1_500 });
    expect(layersOf([layerOutcomes(), layerOutcomes({ mnesia: mnesia("fail") })]).mnesia.verdict).toBe("fail");
  });

  it("counts the final heal: a layer that failed only there fails, one present only there is judged by it", () => {
    const layers = layersOf([layerOutcomes(), layerOutcomes()], { mesh: "pass", pg: "pass", global: "fail", mnesia: "unknown", invariants: "not present" });
    expect(layers.global).toEqual({ verdict: "fail", healP50Ms: 910, healP95Ms: 910 });
    expect(layers.mnesia).toEqual({ verdict: "unknown", healP50Ms: null, healP95Ms: null });
    expect(layers.invariants.verdict).toBe("not present");
    expect(layers.mesh.verdict).toBe("pass");
  });

  it("calls every layer unknown when nothing judged it: no iteration and no final heal (a cluster that never formed)", () => {
    const report = buildReport(facts(result([], [{ name: "cluster formed", verdict: "fail", detail: "no mesh" }], "fail")));
    expect(Object.values(report.layers)).toEqual(Array(5).fill({ verdict: "unknown", healP50Ms: null, healP95Ms: null }));
    expect(Object.keys(report.layers)).toEqual(["mesh", "pg", "global", "mnesia", "invariants"]);
  });

  it("carries each iteration's layers as the run recorded them", () => {
    const report = buildReport(facts(failingRun()));
    expect(report.iterations[1]!.layers).toEqual(layerOutcomes({ pg: PG_UNHEALED }));
    expect(report.layers.pg.verdict).toBe("fail");
  });
});
