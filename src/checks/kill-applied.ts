import type { NodeObservation } from "../probe/observe-node.js";
import { fromProblems, type CheckResult } from "./verdict.js";

/**
 * A kill really happened: the target's container is stopped, and every
 * survivor noticed (its nodes() and its pg view no longer hold the target).
 */
export function checkKillApplied(
  observations: readonly NodeObservation[],
  target: string,
  survivors: readonly string[],
  targetContainerRunning: boolean,
): CheckResult {
  const problems: string[] = [];
  if (targetContainerRunning) problems.push(`the container of ${target} is still running`);
  for (const node of survivors) {
    const seen = observations.find((o) => o.node === node);
    if (!seen || seen.status !== "ok" || !seen.mesh || !seen.pg) {
      problems.push(`${node} did not answer (${seen ? `${seen.status}: ${seen.reason}` : "not probed"})`);
      continue;
    }
    if (seen.mesh.includes(target)) problems.push(`${node} still sees ${target}`);
    const stale = seen.pg.groups.flatMap((g) => g.members.filter((pid) => pid.node === target).map(() => g.group));
    if (stale.length) problems.push(`${node} still lists ${stale.length} pg members of ${target} (${[...new Set(stale)].join(", ")})`);
  }
  return fromProblems("fault applied", problems, `${target} stopped; ${survivors.length} survivors dropped it from nodes() and pg`);
}
