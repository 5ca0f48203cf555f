import { describe, it } from "vitest";
import { expectEverySeedHeals, PARTITION_SEEDS } from "./partition-shape.js";

/* The partitions that split the cluster into whole sides, on the default cluster (partial ones: partial-partitions). */

describe.each([
  ["halves", "iptables"],
  ["majority", "iptables"],
  ["isolate", "iptables"],
  ["isolate", "disconnect"],
] as const)("a partition (%s, %s) on the default cluster", (shape, method) => {
  it(`heals every layer after each of seeds ${PARTITION_SEEDS.join(", ")}`, () => expectEverySeedHeals(shape, method));
});
