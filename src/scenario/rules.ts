import type { ClusterOptions } from "../config/cluster-options.js";
import { specProblems, type FaultSpec } from "../faults/index.js";

/** A rule a scenario breaks: the path of the field to blame, and why. */
export interface ScenarioProblem {
  path: (string | number)[];
  message: string;
}

/**
 * The rules between a scenario's parts, in one pass (the cluster options'
 * own rules run with their schema): each fault must fit the cluster it will
 * hit, by its target and by its kind's own rules.
 */
export function scenarioProblems(scenario: { cluster: ClusterOptions; faults: readonly FaultSpec[] }): ScenarioProblem[] {
  const { nodes, engine, netTicktime } = scenario.cluster;
  const cluster = { nodes, engine, netTicktime };
  return scenario.faults.flatMap((fault, i) => specProblems(fault, cluster).map((problem) => ({ path: ["faults", i, problem.field], message: problem.message })));
}
