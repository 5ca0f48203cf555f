import type { NodePeers, PeerCount } from "./history-series.js";
import { pushChange, type Step } from "./steps.js";

/** Up to this many nodes, every node has its own lane; above, nodes share lanes. */
const MAX_NODE_LANES = 12;

/** How many shared lanes a big cluster is drawn in (about). */
const SHARED_LANES = 10;

/** What a lane shows at one time: the connected peers of its answering nodes, and how many did not answer. */
export interface LaneValue {
  /** Lowest peer count among the lane's answering nodes; null when none answered. */
  min: number | null;
  /** Median (the lower one) of the same; equal to min in a one-node lane. */
  median: number | null;
  /** The lane's nodes whose probe did not answer (nodes not asked are neither answering nor silent). */
  silent: number;
}

export interface Lane {
  /** The node's name, or "app@n1 – app@n5" for a shared lane. */
  label: string;
  nodes: string[];
  steps: Step<LaneValue>[];
}

/**
 * One lane per node for small clusters; above MAX_NODE_LANES, consecutive
 * nodes share a lane (about SHARED_LANES lanes) so 50 nodes stay readable.
 */
export function lanesOf(peers: readonly NodePeers[]): Lane[] {
  const size = peers.length <= MAX_NODE_LANES ? 1 : Math.ceil(peers.length / SHARED_LANES);
  const lanes: Lane[] = [];
  for (let i = 0; i < peers.length; i += size) {
    const members = peers.slice(i, i + size);
    const names = members.map((p) => p.node);
    lanes.push({ label: names.length === 1 ? names[0]! : `${names[0]} – ${names.at(-1)}`, nodes: names, steps: merge(members) });
  }
  return lanes;
}

/** Sweeps the nodes' steps in time order, keeping each node's latest value; a step wherever the lane's value changes. */
function merge(members: readonly NodePeers[]): Step<LaneValue>[] {
  const changes = members.flatMap((m) => m.steps.map((step) => ({ node: m.node, ...step }))).sort((a, b) => a.timeMs - b.timeMs);
  const latest = new Map<string, PeerCount>();
  const steps: Step<LaneValue>[] = [];
  for (const change of changes) {
    latest.set(change.node, change.value);
    const counts = [...latest.values()];
    const answering = counts.filter((v) => typeof v === "number").sort((a, b) => a - b);
    const value: LaneValue = {
      min: answering[0] ?? null,
      median: answering[Math.floor((answering.length - 1) / 2)] ?? null,
      silent: counts.filter((v) => v === "no answer").length,
    };
    pushChange(steps, change.timeMs, value);
  }
  return steps;
}
