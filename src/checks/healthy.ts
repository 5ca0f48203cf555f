import type { NodeObservation } from "../probe/observe-node.js";
import { checkMesh, fullMesh } from "./mesh.js";
import { checkPg } from "./pg.js";
import { runCheck, type CheckResult } from "./verdict.js";

/** A healthy cluster: the full mesh observed on every live node, and pg converged over it. */
export function judgeHealthy(
  observations: readonly NodeObservation[],
  live: readonly string[],
  membersPerNode: Readonly<Record<string, number>>,
  names: { mesh: string; pg: string } = { mesh: "mesh", pg: "pg converged" },
): CheckResult[] {
  const plan = fullMesh(live);
  return [
    runCheck(names.mesh, () => checkMesh(names.mesh, observations, plan)),
    runCheck(names.pg, () => checkPg(names.pg, observations, plan, membersPerNode)),
  ];
}
