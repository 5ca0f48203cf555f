import { expectationsOf, type Baseline, type LayerExpectations } from "../../checks/healthy.js";
import type { Cluster } from "../../cluster/cluster.js";
import type { Invariant } from "../../config/invariants.js";
import type { Workload } from "../../scenario/workloads.js";
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
  /** The user's invariants, judged with every other layer. */
  invariants?: readonly Invariant[];
  /** What the harness does during each fault besides it. */
  workload?: Workload | undefined;
}

/** What the layers of this context's cluster are held to; `before`: what a heal must bring back. */
export function expectations(ctx: Pick<IterationContext, "cluster" | "invariants">, before?: Baseline): LayerExpectations {
  return expectationsOf(ctx.cluster.options, ctx.invariants, before);
}

/**
 * Observes nodes (every layer, with the context's invariants) and writes
 * each probe into the history: one invoke, then per node ok (with what it
 * saw: peers, pg member counts, incarnation) or fail. syncGlobal: also time
 * global:sync(), which only a cluster meant to be whole can answer quickly.
 */
export async function observeRecorded(
  { cluster, history, invariants }: Pick<IterationContext, "cluster" | "history" | "invariants">,
  nodes: readonly string[],
  options: { eventsSinceMs?: number; views?: boolean; syncGlobal?: boolean } = {},
): Promise<NodeObservation[]> {
  history.record({ process: "probe", type: "invoke", f: "observe", value: { nodes: [...nodes] } });
  const observations = await cluster.probe(nodes, { ...options, invariants: invariants?.map((i) => i.expr) });
  for (const o of observations) {
    if (o.status === "ok") {
      const pg = Object.fromEntries(o.pg?.flatMap((s) => s.groups.map((g) => [groupKey(cluster.options.pgScope, s.scope, g.group), g.members.length])) ?? []);
      history.record({ process: o.node, type: "ok", f: "observe", value: { peers: o.mesh ?? [], pg, ...(o.info ? { creation: o.info.creation } : {}) } });
    } else {
      history.record({ process: o.node, type: "fail", f: "observe", value: { status: o.status, ...(o.reason ? { reason: o.reason } : {}) } });
    }
  }
  return observations;
}

/** A group as the history names it: by itself in the cluster's own pg scope, else with its scope ("other/jobs"). */
function groupKey(ownScope: string, scope: string, group: string): string {
  return scope === ownScope ? group : `${scope}/${group}`;
}
