import type { AgentEvent, ViewLog } from "../probe/replies.js";
import type { ViewLayer } from "./view-settle.js";

/** A node's peers and its views' digests (null: the layer does not run there) from one moment on. */
export interface ViewState {
  atMs: number;
  peers: ReadonlySet<string>;
  views: ReadonlyMap<ViewLayer, number | null>;
}

/**
 * A node's view over time, rebuilt from its log: the state at the window's
 * start, then one state after each nodeup, nodedown and view change in the
 * window, in time order. Before its log began, and from a restart of its VM
 * until it logs them again, a node has no view.
 */
export function timelineOf(log: ViewLog, signals: readonly AgentEvent[], fromMs: number): ViewState[] {
  type Change = { atMs: number; apply: (peers: Set<string>, views: Map<ViewLayer, number | null>) => void };
  const changes: Change[] = [
    ...signals.flatMap((e): Change[] => {
      if (e.kind === "nodeup") return [{ atMs: e.atMs, apply: (peers) => peers.add(e.node) }];
      if (e.kind === "nodedown") return [{ atMs: e.atMs, apply: (peers) => peers.delete(e.node) }];
      // a new VM: connected to no one, its views unknown until it logs them
      if (e.kind === "restarted") return [{ atMs: e.atMs, apply: (peers, views) => (peers.clear(), views.clear()) }];
      return [];
    }),
    ...log.changes.map((c): Change => ({ atMs: c.atMs, apply: (_, views) => views.set(c.layer, c.digest) })),
  ].sort((a, b) => a.atMs - b.atMs);
  const peers = new Set(log.atStart.peers);
  const views = new Map(Object.entries(log.atStart.views));
  const states: ViewState[] = [{ atMs: fromMs, peers: new Set(peers), views: new Map(views) }];
  for (const change of changes) {
    change.apply(peers, views);
    const state = { atMs: Math.max(fromMs, change.atMs), peers: new Set(peers), views: new Map(views) };
    if (states.at(-1)!.atMs === state.atMs) states[states.length - 1] = state;
    else states.push(state);
  }
  return states;
}

/** The state in effect at a moment (the last one from at or before it). */
export function stateAt(timeline: readonly ViewState[], atMs: number): ViewState | undefined {
  let [low, high] = [0, timeline.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (timeline[middle]!.atMs <= atMs) low = middle + 1;
    else high = middle;
  }
  return timeline[low - 1];
}
