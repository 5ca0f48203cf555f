import type { Rng } from "./rng.js";

export const PARTITION_SHAPES = ["isolate", "halves", "majority", "bridge", "ring"] as const;
export type PartitionShape = (typeof PARTITION_SHAPES)[number];

/** For each node, the peers it can still reach: a symmetric relation covering every node. */
export type PartitionView = Record<string, string[]>;

/** The fewest nodes each shape needs to be itself (isolating one of 2 is just halves; a ring of 3 is a full mesh). */
export const MIN_NODES: Record<PartitionShape, number> = { isolate: 3, halves: 2, majority: 3, bridge: 3, ring: 4 };

/**
 * Partition shapes as pure functions of the node list and the seeded
 * generator (after Jepsen's nemesis): which node ends up where is random,
 * the shape is not.
 */
export function partitionView(shape: PartitionShape, nodes: readonly string[], rng: Rng): PartitionView {
  if (nodes.length < MIN_NODES[shape]) throw new Error(`a ${shape} partition needs at least ${MIN_NODES[shape]} nodes`);
  const order = rng.shuffle(nodes);
  switch (shape) {
    case "isolate":
      return components([order.slice(0, 1), order.slice(1)]);
    case "halves":
      return components(splitAt(order, Math.floor(order.length / 2)));
    case "majority":
      // the smallest majority against the rest: 5 -> 3|2, 4 -> 3|1
      return components(splitAt(order, Math.floor(order.length / 2) + 1));
    case "bridge": {
      // two halves that cannot reach each other, and one node that reaches both
      const [bridge, ...rest] = order as [string, ...string[]];
      const [left, right] = splitAt(rest, Math.floor(rest.length / 2));
      const view = components([left, right]);
      view[bridge] = [...rest];
      for (const node of rest) view[node]!.push(bridge);
      return sorted(view);
    }
    case "ring":
      // each node reaches only its two neighbours
      return sorted(
        Object.fromEntries(order.map((node, i) => [node, [order[(i + order.length - 1) % order.length]!, order[(i + 1) % order.length]!]])),
      );
  }
}

function splitAt(nodes: readonly string[], at: number): [string[], string[]] {
  return [nodes.slice(0, at), nodes.slice(at)];
}

/** Each node reaches exactly the others of its component. */
function components(parts: string[][]): PartitionView {
  return sorted(Object.fromEntries(parts.flatMap((part) => part.map((node) => [node, part.filter((peer) => peer !== node)]))));
}

function sorted(view: PartitionView): PartitionView {
  return Object.fromEntries(
    Object.entries(view)
      .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
      .map(([node, peers]) => [node, [...peers].sort((a, b) => a.localeCompare(b, "en", { numeric: true }))]),
  );
}
