/** The library: start a cluster from code, hurt it, and judge it with the same checks the CLI uses. */
import { clusterOptionsSchema, type ClusterOptionsInput } from "./config/cluster-options.js";
import { parseInput } from "./config/parse.js";
import { startCluster as startParsed, type StartContext } from "./cluster/open/start-cluster.js";
import type { StartedCluster } from "./cluster/started-cluster.js";

/** Starts a cluster from options as a person writes them (every field optional); bad options are a UsageError naming the field. */
export function startCluster(options: ClusterOptionsInput = {}, context: StartContext = {}): Promise<StartedCluster> {
  return startParsed(parseInput(clusterOptionsSchema, options), context);
}

export type { StartContext };
export { StartedCluster } from "./cluster/started-cluster.js";
export type { Cluster } from "./cluster/cluster.js";
export { waitForHeal } from "./cluster/open/wait-for-heal.js";
export type { ClusterNode } from "./cluster/cluster-node.js";
export { removeRuns } from "./cluster/remove-run.js";
export { clusterOptionsSchema, type ClusterOptions, type ClusterOptionsInput } from "./config/cluster-options.js";
export { reportSchema, type Report } from "./report/report-schema.js";
export { ensureNodeImage } from "./image/node-image.js";
export type { NodeObservation } from "./probe/observe-node.js";
export type { ErlPid, NodeInfo, PgView, PingResult } from "./probe/replies.js";
export { expectationsOf, judgeHealthy, type Health } from "./checks/healthy.js";
export { checkMesh, fullMesh, type MeshPlan } from "./checks/mesh.js";
export { checkPg } from "./checks/pg.js";
export { checkReachability, type PingRow } from "./checks/reachability.js";
export type { CheckResult, Verdict } from "./checks/verdict.js";
export { UsageError, HarnessError, ClusterNotReady } from "./errors.js";
export type { Progress, ProgressStep } from "./progress.js";
