import type { StartedCluster } from "../cluster/started-cluster.js";
import type { NodeObservation } from "../probe/observe-node.js";
import type { History } from "./history.js";

/**
 * Observes nodes and writes each probe into the history: one invoke, then per
 * node ok (with what it saw: peers, pg member counts, incarnation) or fail.
 */
export async function observeRecorded(
  cluster: StartedCluster,
  history: History,
  nodes: readonly string[],
  options: { eventsSinceMs?: number } = {},
): Promise<NodeObservation[]> {
  history.record("probe", "invoke", "observe", { nodes });
  const observations = await cluster.probe(nodes, options);
  for (const o of observations) {
    if (o.status === "ok") {
      const pg = Object.fromEntries((o.pg?.groups ?? []).map((g) => [g.group, g.members.length]));
      history.record(o.node, "ok", "observe", { peers: o.mesh, pg, creation: o.info?.creation });
    } else {
      history.record(o.node, "fail", "observe", { status: o.status, reason: o.reason });
    }
  }
  return observations;
}
