import type { NodeObservation } from "../probe/observe-node.js";
import { checkMesh, fullMesh } from "./mesh.js";
import { checkPg } from "./pg.js";
import { runCheck, type CheckResult } from "./verdict.js";

/** A cluster's health by layer: the mesh, and pg over it (a type, not an interface, so it is a Judged record). */
export type Health = {
  mesh: CheckResult;
  pg: CheckResult;
};

/** A healthy cluster: the full mesh observed on every live node, and pg converged over it. */
export function judgeHealthy(
  observations: readonly NodeObservation[],
  live: readonly string[],
  membersPerNode: Readonly<Record<string, number>>,
  names: { mesh: string; pg: string } = { mesh: "mesh", pg: "pg converged" },
): Health {
  const plan = fullMesh(live);
  return {
    mesh: runCheck(names.mesh, () => checkMesh(names.mesh, observations, plan)),
    pg: runCheck(names.pg, () => checkPg(names.pg, observations, plan, membersPerNode)),
  };
}
