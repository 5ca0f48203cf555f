/** The library: start a cluster from code, hurt it, and judge it with the same checks the CLI uses. */
export { startCluster, type StartContext } from "./cluster/start-cluster.js";
export { StartedCluster } from "./cluster/started-cluster.js";
export type { ClusterNode } from "./cluster/cluster-node.js";
export { removeRuns } from "./cluster/remove-run.js";
export { clusterOptionsSchema, type ClusterOptions, type ClusterOptionsInput } from "./config/cluster-options.js";
export { reportSchema, type Report } from "./config/report-schema.js";
export { ensureNodeImage } from "./image/node-image.js";
export type { NodeObservation } from "./probe/observe-node.js";
export type { ErlPid, NodeInfo, PgView, PingResult } from "./probe/protocol.js";
export { judgeHealthy } from "./checks/healthy.js";
export { checkMesh, fullMesh, type MeshPlan } from "./checks/mesh.js";
export { checkPg } from "./checks/pg.js";
export { checkReachability, type PingRow } from "./checks/reachability.js";
export type { CheckResult, Verdict } from "./checks/verdict.js";
export { UsageError, HarnessError, ClusterNotReady } from "./errors.js";
export type { Progress, ProgressStep } from "./progress.js";
