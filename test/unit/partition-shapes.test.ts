import { describe, it, expect } from "vitest";
import { MIN_NODES, PARTITION_SHAPES, partitionView, type PartitionShape, type PartitionView } from "../../src/schedule/partition-shapes.js";
import { seededRng } from "../../src/schedule/rng.js";

function nodesOf(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `app@n${i + 1}`);
}

/** Every (shape, n) with n from the shape's minimum to 9. */
const CASES: [PartitionShape, number][] = PARTITION_SHAPES.flatMap((shape) =>
  Array.from({ length: 10 - MIN_NODES[shape] }, (_, i): [PartitionShape, number] => [shape, MIN_NODES[shape] + i]),
);

const SEEDS = [0, 1, 42, 2 ** 32 - 1];

function sees(view: PartitionView, a: string, b: string): boolean {
  return view[a]!.includes(b);
}

/** The connected components of the view (as a graph), each sorted, biggest first. */
function componentsOf(view: PartitionView): string[][] {
  const left = new Set(Object.keys(view));
  const parts: string[][] = [];
  for (const start of Object.keys(view)) {
    if (!left.has(start)) continue;
    const part: string[] = [];
    const queue = [start];
    left.delete(start);
    while (queue.length) {
      const node = queue.shift()!;
      part.push(node);
      for (const peer of view[node]!) if (left.delete(peer)) queue.push(peer);
    }
    parts.push(part.sort());
  }
  return parts.sort((a, b) => b.length - a.length);
}

/** Every node of the component sees every other node of it. */
function isFullMesh(view: PartitionView, part: string[]): boolean {
  return part.every((a) => part.every((b) => a === b || sees(view, a, b)));
}

describe("partitionView, for every shape and size", () => {
  it.each(CASES)("%s of %i nodes is a symmetric relation over every node that cuts at least one pair", (shape, n) => {
    const nodes = nodesOf(n);
    for (const seed of SEEDS) {
      const view = partitionView(shape, nodes, seededRng(seed));
      expect(Object.keys(view).sort()).toEqual([...nodes].sort());
      for (const [node, peers] of Object.entries(view)) {
        expect(peers, `${node} lists itself`).not.toContain(node);
        expect(new Set(peers).size, `${node} lists a peer twice`).toBe(peers.length);
        for (const peer of peers) {
          expect(nodes).toContain(peer);
          expect(sees(view, peer, node), `${node} sees ${peer} but not the other way round`).toBe(true);
        }
      }
      const cutPairs = nodes.flatMap((a) => nodes.filter((b) => a < b && !sees(view, a, b)));
      expect(cutPairs.length, `${shape} of ${n} cuts nothing`).toBeGreaterThan(0);
    }
  });
});

describe("partitionView shapes", () => {
  const sizes = (shape: PartitionShape) => Array.from({ length: 10 - MIN_NODES[shape] }, (_, i) => MIN_NODES[shape] + i);

  it.each(sizes("isolate").filter((n) => n >= 3))("isolate of %i: exactly one node without peers, the rest a full mesh", (n) => {
    for (const seed of SEEDS) {
      const view = partitionView("isolate", nodesOf(n), seededRng(seed));
      const alone = Object.keys(view).filter((node) => view[node]!.length === 0);
      expect(alone).toHaveLength(1);
      const rest = Object.keys(view).filter((node) => node !== alone[0]);
      expect(isFullMesh(view, rest)).toBe(true);
      expect(componentsOf(view).map((p) => p.length)).toEqual([n - 1, 1]);
    }
  });

  it("isolate needs 3 nodes: isolating one of 2 would just be halves", () => {
    expect(() => partitionView("isolate", nodesOf(2), seededRng(1))).toThrow("at least 3 nodes");
  });

  it.each(sizes("halves"))("halves of %i: two full-mesh components of floor(n/2) and ceil(n/2)", (n) => {
    for (const seed of SEEDS) {
      const view = partitionView("halves", nodesOf(n), seededRng(seed));
      const parts = componentsOf(view);
      expect(parts.map((p) => p.length)).toEqual([Math.ceil(n / 2), Math.floor(n / 2)]);
      for (const part of parts) expect(isFullMesh(view, part)).toBe(true);
    }
  });

  it.each(sizes("majority"))("majority of %i: a strict majority against the rest", (n) => {
    for (const seed of SEEDS) {
      const view = partitionView("majority", nodesOf(n), seededRng(seed));
      const parts = componentsOf(view);
      expect(parts).toHaveLength(2);
      expect(parts[0]!.length).toBeGreaterThan(n / 2);
      expect(parts[0]!.length).toBe(Math.floor(n / 2) + 1);
      for (const part of parts) expect(isFullMesh(view, part)).toBe(true);
    }
  });

  it.each(sizes("bridge"))("bridge of %i: one node sees all others, the others form two groups cut from each other", (n) => {
    for (const seed of SEEDS) {
      const view = partitionView("bridge", nodesOf(n), seededRng(seed));
      const bridges = Object.keys(view).filter((node) => view[node]!.length === n - 1);
      expect(bridges).toHaveLength(1);
      const bridge = bridges[0]!;
      const withoutBridge = Object.fromEntries(
        Object.entries(view)
          .filter(([node]) => node !== bridge)
          .map(([node, peers]) => [node, peers.filter((peer) => peer !== bridge)]),
      );
      const groups = componentsOf(withoutBridge);
      expect(groups).toHaveLength(2);
      expect(groups.map((g) => g.length).sort()).toEqual([Math.floor((n - 1) / 2), Math.ceil((n - 1) / 2)].sort());
      for (const group of groups) expect(isFullMesh(view, group)).toBe(true);
      for (const a of groups[0]!) for (const b of groups[1]!) expect(sees(view, a, b), `${a} sees ${b} across the bridge`).toBe(false);
    }
  });

  it.each(sizes("ring"))("ring of %i: each node sees exactly 2 neighbours, and they form one cycle over all nodes", (n) => {
    for (const seed of SEEDS) {
      const view = partitionView("ring", nodesOf(n), seededRng(seed));
      for (const peers of Object.values(view)) expect(peers).toHaveLength(2);
      const start = Object.keys(view)[0]!;
      const visited = [start];
      let previous = start;
      let current = view[start]![0]!;
      while (current !== start) {
        expect(visited, `the ring comes back to ${current} before ${start}`).not.toContain(current);
        visited.push(current);
        const next = view[current]!.find((peer) => peer !== previous)!;
        previous = current;
        current = next;
      }
      expect(visited.sort()).toEqual(nodesOf(n).sort());
    }
  });

  it.each(PARTITION_SHAPES.map((shape) => [shape, MIN_NODES[shape] - 1] as const))("refuses %s with only %i nodes", (shape, n) => {
    expect(() => partitionView(shape, nodesOf(n), seededRng(1))).toThrow(`a ${shape} partition needs at least ${MIN_NODES[shape]} nodes`);
  });

  it("needs 4 nodes for a ring (a ring of 3 would be a full mesh) and 3 for isolate, majority and bridge", () => {
    expect(MIN_NODES).toEqual({ isolate: 3, halves: 2, majority: 3, bridge: 3, ring: 4 });
  });

  it.each(PARTITION_SHAPES)("gives the same %s view for the same seed", (shape) => {
    const nodes = nodesOf(7);
    expect(partitionView(shape, nodes, seededRng(2024))).toEqual(partitionView(shape, nodes, seededRng(2024)));
  });

  it("places nodes differently for different seeds", () => {
    const nodes = nodesOf(7);
    const views = new Set(Array.from({ length: 10 }, (_, seed) => JSON.stringify(partitionView("isolate", nodes, seededRng(seed)))));
    expect(views.size).toBeGreaterThan(1);
  });

  it("does not change the node list it is given", () => {
    const nodes = nodesOf(6);
    const copy = [...nodes];
    for (const shape of PARTITION_SHAPES) partitionView(shape, nodes, seededRng(8));
    expect(nodes).toEqual(copy);
  });
});
