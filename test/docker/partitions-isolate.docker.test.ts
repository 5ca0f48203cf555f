import { describe, it } from "vitest";
import { expectEverySeedHeals, PARTITION_SEEDS } from "./partition-shape.js";

/* One node cut off from all the others, by the two methods, on the default cluster. */

describe.each([
  ["isolate", "iptables"],
  ["isolate", "disconnect"],
] as const)("a partition (%s, %s) on the default cluster", (shape, method) => {
  it(`heals every layer after each of seeds ${PARTITION_SEEDS.join(", ")}`, () => expectEverySeedHeals(shape, method));
});
