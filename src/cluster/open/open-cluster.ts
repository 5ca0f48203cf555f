import type { ClusterOptions } from "../../config/cluster-options.js";
import { silentProgress, type Progress } from "../../progress.js";
import { attachNodes, type AttachClusterOptions, type AttachOptions } from "../backends/attach/attach-cluster.js";
import type { Cluster } from "../cluster.js";
import type { PgOptions } from "../pg-options-of.js";
import { StartedCluster } from "../started-cluster.js";
import { findRun } from "./find-run.js";
import { startCluster, type StartContext } from "./start-cluster.js";

export type { AttachClusterOptions, AttachOptions, StartContext };

/**
 * Which cluster to open: one to start (meshproof's containers, or swarm
 * services when its engine is swarm), the one an earlier `meshproof up` left
 * running (its run id), or containers meshproof did not start (attach).
 */
export type OpenClusterOptions =
  | { start: ClusterOptions; context?: StartContext }
  | { run: string; probeTimeout: number; pg?: Partial<PgOptions> }
  | { attach: AttachOptions; cluster: AttachClusterOptions; progress?: Progress };

export type OpenCluster = (options: OpenClusterOptions) => Promise<Cluster>;

/**
 * The one door to a cluster, whichever backend runs it: the runner, the CLI
 * and shrink see only the Cluster port it returns (a started one is ready:
 * formed and converged).
 */
export async function openCluster(options: OpenClusterOptions): Promise<Cluster> {
  if ("start" in options) return startCluster(options.start, options.context);
  if ("run" in options) return findRun(options.run, options.probeTimeout, options.pg);
  const attached = await attachNodes(options.attach, options.cluster, options.progress ?? silentProgress);
  return new StartedCluster(attached.runId, attached.nodes, attached.options, attached.backend);
}
