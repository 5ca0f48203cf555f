import { describe, it, expect } from "vitest";
import type { CheckResult } from "../../src/checks/verdict.js";
import { reportSchema } from "../../src/config/report-schema.js";
import { runOptionsSchema, type RunOptions } from "../../src/config/run-options.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";
import { buildReport, type RunFacts } from "../../src/report/build-report.js";
import type { IterationResult } from "../../src/run/kill-iteration.js";
import type { KillRunResult } from "../../src/run/kill-run.js";
import type { PlannedKill } from "../../src/schedule/kill-schedule.js";

const SEED = 4242;
const NODES = ["n1@h", "n2@h", "n3@h"];

const pass = (name: string): CheckResult => ({ name, verdict: "pass", detail: "ok" });

function planned(index: number, target: string): PlannedKill {
  return { index, fault: "kill", target };
}

function iteration(kill: PlannedKill, checks: CheckResult[], verdict: IterationResult["verdict"] = "pass"): IterationResult {
  return { ...kill, detectMs: 3100, healMs: verdict === "pass" ? 2400 : null, verdict, checks };
}

function observed(node: string): NodeObservation {
  return {
    node,
    status: "ok",
    info: { otpRelease: "25", otpVersion: "25.3.2", creation: 7, osPid: "99" },
    mesh: NODES.filter((n) => n !== node),
    atMs: 0,
  };
}

function facts(result: KillRunResult, options: RunOptions = runOptionsSchema.parse({})): RunFacts {
  return {
    runId: "run-abc123",
    seed: SEED,
    options,
    startedAt: new Date("2025-01-02T03:04:05.000Z"),
    durationMs: 12_345.6,
    // n3 did not answer the last observation.
    nodes: NODES.map((name) => ({ name, observation: name === "n3@h" ? undefined : observed(name) })),
    result,
  };
}

const SCHEDULE = [planned(1, "n2@h"), planned(2, "n1@h"), planned(3, "n3@h")];

function passingRun(): KillRunResult {
  return {
    schedule: SCHEDULE,
    iterations: SCHEDULE.map((kill) => iteration(kill, [pass("fault applied"), pass("no cascade"), pass("healed: pg converged")])),
    verdict: "pass",
  };
}

/** The second kill failed on pg; the loop stopped there. */
function failingRun(): KillRunResult {
  const failed: CheckResult = { name: "healed: pg converged", verdict: "fail", detail: "n2@h: get_members(pool) lacks n1@h<0.90.0>#8" };
  return {
    schedule: SCHEDULE,
    iterations: [
      iteration(SCHEDULE[0]!, [pass("fault applied"), pass("healed: pg converged")]),
      iteration(SCHEDULE[1]!, [pass("fault applied"), pass("healed: mesh"), failed], "fail"),
    ],
    verdict: "fail",
  };
}

describe("buildReport", () => {
  it("builds a report that satisfies the published schema", () => {
    const report = buildReport(facts(passingRun()));
    expect(reportSchema.safeParse(report).success).toBe(true);
  });

  it("carries the seed, verdict, schedule and iterations of the run", () => {
    const report = buildReport(facts(passingRun()));
    expect(report.seed).toBe(SEED);
    expect(report.verdict).toBe("pass");
    expect(report.runId).toBe("run-abc123");
    expect(report.startedAt).toBe("2025-01-02T03:04:05.000Z");
    expect(report.durationMs).toBe(12_346);
    expect(report.schedule).toEqual(SCHEDULE);
    expect(report.iterations.map((i) => i.index)).toEqual([1, 2, 3]);
    expect(report.summary).toBe("all 3 kills were detected and healed");
  });

  it("gives a reproduce command with the seed and the run's choices", () => {
    const options = runOptionsSchema.parse({ nodes: "4", kills: "3", agentReconnect: "off", pgRejoin: "off", downtime: "2s" });
    const report = buildReport(facts(passingRun(), options));
    expect(report.reproduce).toMatch(/^meshproof run /);
    expect(report.reproduce).toContain(`--seed ${SEED}`);
    expect(report.reproduce).toContain("--nodes 4");
    expect(report.reproduce).toContain("--kills 3");
    expect(report.reproduce).toContain("--agent-reconnect off");
    expect(report.reproduce).toContain("--pg-rejoin off");
    expect(report.reproduce).toContain("--downtime 2000ms");
  });

  it("records each node's OTP release from the last observation, null when it did not answer", () => {
    const report = buildReport(facts(passingRun()));
    expect(report.nodes).toEqual([
      { name: "n1@h", otpRelease: "25", otpVersion: "25.3.2" },
      { name: "n2@h", otpRelease: "25", otpVersion: "25.3.2" },
      { name: "n3@h", otpRelease: null, otpVersion: null },
    ]);
  });

  it("records the settings in milliseconds", () => {
    const report = buildReport(facts(passingRun()));
    expect(report.settings).toEqual({
      kills: 10,
      downtimeMs: 1_000,
      detectDeadlineMs: 15_000,
      healDeadlineMs: 30_000,
      netTicktime: 5,
      agentReconnect: 1000,
      pgRejoin: "on",
      pgScope: "meshproof",
      pgGroups: { pool: 2 },
    });
  });

  it("names the failing kill and check in the summary of a failed run", () => {
    const report = buildReport(facts(failingRun()));
    expect(report.verdict).toBe("fail");
    expect(report.summary).toContain("kill 2 (n1@h)");
    expect(report.summary).toContain("healed: pg converged fail");
    expect(report.summary).toContain("lacks n1@h<0.90.0>#8");
    expect(report.summary).toContain("stopped after 2 of 3 kills");
    expect(report.summary).not.toContain("healed: mesh");
  });

  it("names the check that could not judge in the summary of an unknown run", () => {
    const unknown: CheckResult = { name: "no cascade", verdict: "unknown", detail: "checker failed: boom" };
    const result: KillRunResult = {
      schedule: [SCHEDULE[0]!],
      iterations: [iteration(SCHEDULE[0]!, [pass("fault applied"), unknown], "unknown")],
      verdict: "unknown",
    };
    const report = buildReport(facts(result));
    expect(report.verdict).toBe("unknown");
    expect(report.summary).toBe("kill 1 (n2@h): no cascade unknown: checker failed: boom");
  });

  it("refuses to build a report that breaks the schema", () => {
    expect(() => buildReport({ ...facts(passingRun()), seed: -1 })).toThrow();
  });

  it("never contains the cookie, even if the options carry one", () => {
    const options = { ...runOptionsSchema.parse({}), cookie: "SECRETCOOKIEVALUE" } as RunOptions;
    for (const result of [passingRun(), failingRun()]) {
      const json = JSON.stringify(buildReport(facts(result, options)));
      expect(json).not.toMatch(/cookie/i);
      expect(json).not.toContain("SECRETCOOKIEVALUE");
    }
  });
});
