import type { Cluster } from "../../cluster/cluster.js";
import type { History } from "../../history/history.js";
import type { NodeObservation } from "../../probe/observe-node.js";

export interface Deadlines {
  /** How long nodes may take to notice a fault that is not timed (kill, stop, crash). */
  detectMs: number;
  /** How long the cluster may take to heal once the fault is lifted. */
  healMs: number;
  /** How long every layer must hold, look after look, before "healthy" or "healed" counts. */
  stableMs: number;
}

/** Where the last judgement of the nodes' event logs ended: each iteration judges from there, so no nodedown falls between two. */
export class EventCursor {
  constructor(public sinceMs: number = performance.now()) {}
}

/** What every phase of an iteration works with. */
export interface IterationContext {
  cluster: Cluster;
  history: History;
  deadlines: Deadlines;
  signal?: AbortSignal | undefined;
  /** Shared by a run's iterations; without it an iteration judges the events since its own start. */
  events?: EventCursor;
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
