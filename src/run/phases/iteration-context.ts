import type { Cluster } from "../../cluster/cluster.js";
import type { History } from "../../history/history.js";
import type { NodeObservation } from "../../probe/observe-node.js";

export interface Deadlines {
  /** How long nodes may take to notice a fault that is not timed (kill, stop, crash). */
  detectMs: number;
  /** How long the cluster may take to heal once the fault is lifted. */
  healMs: number;
}

/** What every phase of an iteration works with. */
export interface IterationContext {
  cluster: Cluster;
  history: History;
  deadlines: Deadlines;
  signal?: AbortSignal | undefined;
}

/**
 * Observes nodes and writes each probe into the history: one invoke, then per
 * node ok (with what it saw: peers, pg member counts, incarnation) or fail.
 */
export async function observeRecorded(
  { cluster, history }: Pick<IterationContext, "cluster" | "history">,
  nodes: readonly string[],
  options: { eventsSinceMs?: number } = {},
): Promise<NodeObservation[]> {
  history.record({ process: "probe", type: "invoke", f: "observe", value: { nodes: [...nodes] } });
  const observations = await cluster.probe(nodes, options);
  for (const o of observations) {
    if (o.status === "ok") {
      const pg = Object.fromEntries((o.pg?.groups ?? []).map((g) => [g.group, g.members.length]));
      history.record({ process: o.node, type: "ok", f: "observe", value: { peers: o.mesh ?? [], pg, ...(o.info ? { creation: o.info.creation } : {}) } });
    } else {
      history.record({ process: o.node, type: "fail", f: "observe", value: { status: o.status, ...(o.reason ? { reason: o.reason } : {}) } });
    }
  }
  return observations;
}
