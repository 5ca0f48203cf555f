import { describe, it } from "vitest";
import { expectEverySeedHeals, PARTITION_SEEDS } from "./partition-shape.js";

/*
 * The partial partitions, where some nodes still reach nodes that no longer reach each other: OTP's global
 * disconnects more to prevent overlapping partitions, and is where it met its own bugs (docs/limitations.md).
 * A file of their own: a failure here reads differently from one after a whole-side split.
 */

describe.each([
  ["bridge", "iptables"],
  ["ring", "iptables"],
] as const)("a partition (%s, %s) on the default cluster", (shape, method) => {
  it(`heals every layer after each of seeds ${PARTITION_SEEDS.join(", ")}`, () => expectEverySeedHeals(shape, method));
});
