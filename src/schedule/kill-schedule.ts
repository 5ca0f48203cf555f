import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

export interface PlannedKill {
  index: number;
  fault: "kill";
  target: string;
}

/** Which node each of `count` kills hits: a pure function of the seed (same seed, same schedule). */
export function planKills(seed: number, nodes: readonly string[], count: number): PlannedKill[] {
  const rng = xoroshiro128plus(seed);
  return Array.from({ length: count }, (_, i) => ({
    index: i + 1,
    fault: "kill" as const,
    target: nodes[uniformInt(rng, 0, nodes.length - 1)]!,
  }));
}
