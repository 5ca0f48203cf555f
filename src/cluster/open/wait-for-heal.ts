import { expectationsOf, judgeHealthy, type Health } from "../../checks/healthy.js";
import { pollUntil, type PollOptions, type PollResult } from "../../poll.js";
import type { NodeObservation } from "../../probe/observe-node.js";
import type { Cluster } from "../cluster.js";

/**
 * Polls until the full mesh is observed and every layer found has converged
 * (formed, or healed after a fault), or the deadline passes. Above the port:
 * the cluster is looked at, the checks judge it.
 */
export function waitForHeal(cluster: Cluster, options: PollOptions): Promise<PollResult<NodeObservation[], Health>> {
  const nodes = cluster.nodeNames;
  return pollUntil(() => cluster.probe(nodes, { syncGlobal: true }), (obs) => judgeHealthy(obs, nodes, expectationsOf(cluster.options)), options);
}
