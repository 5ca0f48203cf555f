import type { NodeObservation } from "../probe/observe-node.js";
import type { NodeInfo } from "../probe/replies.js";

/** Each answering node's incarnation (creation and OS pid), to compare before and after a fault. */
export function incarnationsOf(observations: readonly NodeObservation[]): Map<string, NodeInfo> {
  return new Map(observations.flatMap((o) => (o.status === "ok" && o.info ? [[o.node, o.info] as const] : [])));
}

export function sameIncarnation(a: NodeInfo, b: NodeInfo): boolean {
  return a.creation === b.creation && a.osPid === b.osPid;
}
