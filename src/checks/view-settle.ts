/**
 * How long a change of each layer's view takes to reach every connected node,
 * as the nodes' logs show it: each node polls its views every 50 ms, so one
 * change is logged up to 50 ms apart on two nodes, plus the time it takes to
 * spread. Two connected nodes' views may disagree that long without failing.
 * Measured here (docs/run.md, "Between looks"): pg's and global's disagreements
 * lasted at most 233 ms (survivors learning a killed node's new members) on 2
 * busy cores. Mnesia merges its schema when a node comes back: longer.
 */
const SETTLE_MS: Readonly<Record<string, number>> = { pg: 500, global: 500, mnesia: 2000 };

/** A layer as the nodes' logs name it: "pg SCOPE", "global", "mnesia". */
export type ViewLayer = string;

export function settleMs(layer: ViewLayer): number {
  return SETTLE_MS[kindOf(layer)] ?? Math.max(...Object.values(SETTLE_MS));
}

/** The layer as a person reads it: "pg scope demo", "global's names", "Mnesia's running db nodes". */
export function layerLabel(layer: ViewLayer): string {
  if (kindOf(layer) === "pg") return `pg scope ${layer.slice(3)}`;
  if (layer === "global") return "global's names";
  if (layer === "mnesia") return "Mnesia's running db nodes";
  return layer;
}

function kindOf(layer: ViewLayer): string {
  return layer.split(" ")[0] ?? layer;
}
