import { worstVerdict, type Verdict } from "../checks/verdict.js";
import type { StartedCluster } from "../cluster/started-cluster.js";
import { planKills, type PlannedKill } from "../schedule/kill-schedule.js";
import { runKillIteration, type IterationResult, type IterationTiming } from "./kill-iteration.js";

export interface KillRunOptions extends IterationTiming {
  seed: number;
  kills: number;
}

export interface KillRunResult {
  schedule: PlannedKill[];
  iterations: IterationResult[];
  verdict: Verdict;
}

/**
 * The chaos loop: the seeded schedule, one kill iteration after another. It
 * stops at the first failed iteration, since a cluster that did not heal
 * makes every later verdict meaningless.
 */
export async function runKills(
  cluster: StartedCluster,
  options: KillRunOptions,
  hooks: { signal?: AbortSignal | undefined; onIteration?: (result: IterationResult, planned: number) => void } = {},
): Promise<KillRunResult> {
  const schedule = planKills(options.seed, cluster.nodeNames, options.kills);
  const iterations: IterationResult[] = [];
  for (const planned of schedule) {
    hooks.signal?.throwIfAborted();
    const result = await runKillIteration(cluster, planned, options, hooks.signal);
    iterations.push(result);
    hooks.onIteration?.(result, schedule.length);
    if (result.verdict === "fail") break;
  }
  return { schedule, iterations, verdict: worstVerdict(iterations.map((i) => i.verdict)) };
}
