import { join } from "node:path";
import type { Layer } from "../checks/layer.js";
import type { Verdict } from "../checks/verdict.js";
import type { ClusterNotReady } from "../errors.js";
import type { FaultPlan } from "../faults/index.js";
import { History } from "../history/history.js";
import { buildReport } from "../report/build-report.js";
import { notFormed } from "../report/formation.js";
import type { Report } from "../report/report-schema.js";
import type { Scenario } from "../scenario/scenario.js";
import { timeStats } from "./run-scenario.js";
import { writeReports } from "./write-reports.js";

/**
 * A cluster that never formed is a result about the cluster, not a harness
 * error: a report (verdict fail) with a "cluster formed" check that says which
 * layer did not come together and what the nodes logged.
 */
export async function reportNotFormed(
  error: ClusterNotReady,
  run: { runId: string; seed: number; scenario: Scenario; schedule: readonly FaultPlan[]; reproduce: string; startedAt: Date; started: number; nodes: readonly string[] },
  reportDir?: string,
): Promise<{ report: Report; dir: string }> {
  const dir = reportDir ?? join("runs", run.runId);
  const history = new History(join(dir, "history.ndjson"));
  try {
    history.record({ process: "harness", type: "info", f: "run", value: { runId: run.runId, seed: run.seed, nodes: [...run.nodes], scenario: run.scenario } });
    const { check, formation } = notFormed(error);
    const report = buildReport({
      ...run,
      durationMs: performance.now() - run.started,
      observations: [],
      // what each layer came to at readiness stands for the run's: no iteration judged any
      result: { iterations: [], checks: [check], stats: timeStats([]), finalLayers: readinessLayers(error), verdict: "fail" },
      formation,
    });
    await writeReports(dir, report, history);
    return { report, dir };
  } finally {
    history.close();
  }
}

function readinessLayers(error: ClusterNotReady): Partial<Record<Layer, Verdict>> {
  return Object.fromEntries(Object.entries(error.checks).flatMap(([layer, check]) => (check ? [[layer, check.verdict]] : [])));
}
