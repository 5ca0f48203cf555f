import type { NodeObservation } from "../probe/observe-node.js";
import { pidKey } from "./pg.js";
import type { Layer } from "./layer.js";

/** Each layer's state on one node as text: two looks at a node differ in a layer exactly when its text differs. */
export type LayerStates = Partial<Record<Layer, string>>;

function layerStates(o: NodeObservation): LayerStates {
  if (o.status !== "ok") return {};
  const states: Partial<Record<Layer, string>> = {};
  if (o.mesh) states.mesh = [...o.mesh].sort().join(" ");
  if (o.pg) states.pg = o.pg.map((s) => s.groups.map((g) => `${s.scope}/${g.group}:${g.members.map(pidKey).sort().join(",")}`).join(" ")).join(" ");
  if (o.global) states.global = o.global.names.map((n) => `${n.name}=${pidKey(n.pid)}`).join(" ");
  if (o.mnesia !== undefined) states.mnesia = o.mnesia ? [...o.mnesia.runningDbNodes].sort().join(" ") : "";
  if (o.invariants) states.invariants = JSON.stringify(o.invariants);
  return states;
}

/** Each node's layer states at one look, to compare later looks with. */
export function layerStatesByNode(look: readonly NodeObservation[]): Map<string, LayerStates> {
  return new Map(look.map((o) => [o.node, layerStates(o)]));
}

/** The layers whose state changed on some node that answered both looks. */
export function changedLayers(before: ReadonlyMap<string, LayerStates>, now: readonly NodeObservation[]): Set<Layer> {
  const changed = new Set<Layer>();
  for (const look of now) {
    const was = before.get(look.node);
    if (!was) continue;
    const is = layerStates(look);
    for (const layer of Object.keys(is) as Layer[]) if (was[layer] !== undefined && was[layer] !== is[layer]) changed.add(layer);
  }
  return changed;
}
