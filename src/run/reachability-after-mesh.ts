import { checkReachability } from "../checks/reachability.js";
import { runCheck, type CheckResult } from "../checks/verdict.js";
import type { Cluster } from "../cluster/cluster.js";

/**
 * The ping matrix, only once the mesh was judged whole by observation:
 * pings connect, so run earlier they would repair the mesh under test.
 */
export async function reachabilityAfterMesh(cluster: Cluster, mesh: CheckResult): Promise<CheckResult> {
  if (mesh.verdict !== "pass") {
    return { name: "reachability", verdict: "unknown", detail: "not run: the mesh is not whole, and pings would repair the mesh under test" };
  }
  const pings = await cluster.pingMatrix();
  return runCheck("reachability", () => checkReachability(pings));
}
