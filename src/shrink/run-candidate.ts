import { join } from "node:path";
import type { AttachOptions } from "../cluster/open/open-cluster.js";
import { errorMessage, HarnessError } from "../errors.js";
import { silentProgress } from "../progress.js";
import { violatedCheck } from "../report/violated-check.js";
import { executeRun } from "../run/execute-run.js";
import type { Scenario } from "../scenario/scenario.js";
import { runnableSchedule, type Candidate, type TryOutcome } from "./candidate.js";
import { reproScenario } from "./repro-scenario.js";

export interface CandidateRun {
  /** The failed run's scenario and seed. */
  scenario: Scenario;
  seed: number;
  attach?: AttachOptions | undefined;
  /** Where each try's report goes: DIR/candidates/<candidate>-<try>. */
  dir: string;
  signal?: AbortSignal | undefined;
}

/**
 * One try of a candidate: a whole run of its schedule on a fresh cluster (or
 * the attached one), its report kept. A harness error is an outcome
 * ("unknown"), not the failure being shrunk; bad input and Ctrl-C end the shrink.
 */
export async function runCandidate(candidate: Candidate, at: { candidate: number; attempt: number }, run: CandidateRun): Promise<TryOutcome> {
  const reportDir = join(run.dir, "candidates", `${at.candidate}-${at.attempt}`);
  // a fresh cluster runs the candidate's own scenario (its nodes, its faults by name); an attached one is what it is
  const scenario = run.attach ? { ...run.scenario, count: candidate.schedule.length } : reproScenario(run.scenario, run.seed, candidate, "shrink candidate").scenario;
  try {
    const { report } = await executeRun(
      { scenario, seed: run.seed, schedule: runnableSchedule(candidate), reproduce: `meshproof replay ${join(reportDir, "report.json")}`, reportDir, keep: false, attach: run.attach },
      { progress: silentProgress, signal: run.signal },
    );
    return { verdict: report.verdict, violated: violatedCheck(report), reportDir };
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    return { verdict: "unknown", violated: { name: "harness error", detail: errorMessage(error) }, reportDir };
  }
}
