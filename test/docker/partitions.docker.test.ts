import { describe, it } from "vitest";
import { expectEverySeedHeals, PARTITION_SEEDS } from "./partition-shape.js";

/* Partitions into two sides of several nodes, on the default cluster (one node cut off: partitions-isolate; partial ones: partial-partitions). */

describe.each([
  ["halves", "iptables"],
  ["majority", "iptables"],
] as const)("a partition (%s, %s) on the default cluster", (shape, method) => {
  it(`heals every layer after each of seeds ${PARTITION_SEEDS.join(", ")}`, () => expectEverySeedHeals(shape, method));
});
