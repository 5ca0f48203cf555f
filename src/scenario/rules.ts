import type { ClusterOptions } from "../config/cluster-options.js";
import { MAX_TIMER_MS } from "../config/duration.js";
import { specProblems, type FaultSpec } from "../faults/index.js";

/** A rule a scenario breaks: the path of the field to blame, and why. */
export interface ScenarioProblem {
  path: (string | number)[];
  message: string;
}

/**
 * The rules between a scenario's parts, in one pass (the cluster options'
 * own rules run with their schema): each fault must fit the cluster it will
 * hit, by its target and by its kind's own rules; a stagger needs an interval
 * to stagger (without one it would be dropped without a word), and twice
 * it must fit in a timer. Attached:
 * the scenario runs against containers someone else started (--attach).
 */
export function scenarioProblems(
  scenario: { cluster: ClusterOptions; faults: readonly FaultSpec[]; interval: number; stagger: boolean },
  { attached = false }: { attached?: boolean } = {},
): ScenarioProblem[] {
  const { nodes, engine, netTicktime, probeMode } = scenario.cluster;
  const cluster = { nodes, engine, netTicktime, probeMode, attached };
  const problems: ScenarioProblem[] = scenario.faults.flatMap((fault, i) =>
    specProblems(fault, cluster).map((problem) => ({ path: ["faults", i, problem.field], message: problem.message })),
  );
  if (scenario.stagger && scenario.interval === 0) problems.push({ path: ["stagger"], message: "draws each wait from [0, 2 x interval], so it needs an interval above 0" });
  if (scenario.stagger && 2 * scenario.interval > MAX_TIMER_MS) {
    problems.push({ path: ["interval"], message: `with stagger a wait may last 2 x interval, longer than a Node timer holds (${MAX_TIMER_MS} ms, about 24.8 days)` });
  }
  return problems;
}
