import type { NodeObservation } from "../probe/observe-node.js";
import { fromProblems, listSome, type CheckResult } from "./verdict.js";

/** For each node, the peers it should be connected to. */
export type MeshPlan = ReadonlyMap<string, readonly string[]>;

/** Every live node connected to every other live node. */
export function fullMesh(live: readonly string[]): MeshPlan {
  return new Map(live.map((node) => [node, live.filter((peer) => peer !== node)]));
}

/**
 * Judges the mesh from each node's own nodes() only (observation, never a
 * connect): every planned node answered and sees exactly its planned peers.
 */
export function checkMesh(name: string, observations: readonly NodeObservation[], plan: MeshPlan): CheckResult {
  const problems: string[] = [];
  for (const [node, expected] of plan) {
    const seen = observations.find((o) => o.node === node);
    if (!seen || seen.status !== "ok" || !seen.mesh) {
      problems.push(`${node} did not answer (${seen ? `${seen.status}: ${seen.reason}` : "not probed"})`);
      continue;
    }
    const missing = expected.filter((peer) => !seen.mesh!.includes(peer));
    const extra = seen.mesh.filter((peer) => !expected.includes(peer));
    if (missing.length) problems.push(`${node} does not see ${listSome(missing)}`);
    if (extra.length) problems.push(`${node} still sees ${listSome(extra)}`);
  }
  return fromProblems(name, problems, `${plan.size} nodes see exactly their planned peers`);
}
