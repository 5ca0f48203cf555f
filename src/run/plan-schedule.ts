import { planFault, type FaultPlan } from "../faults/index.js";
import { seededRng } from "../schedule/rng.js";
import type { Scenario } from "../scenario/scenario.js";

/** The whole schedule, a pure function of the scenario, the node names and the seed. */
export function planFaults(
  scenario: Pick<Scenario, "count" | "order" | "faults" | "interval" | "stagger"> & { cluster: Pick<Scenario["cluster"], "netTicktime"> },
  nodes: readonly string[],
  seed: number,
): FaultPlan[] {
  const rng = seededRng(seed);
  return Array.from({ length: scenario.count }, (_, i) => {
    const spec = scenario.order === "cycle" ? scenario.faults[i % scenario.faults.length]! : rng.pick(scenario.faults);
    const waitBeforeMs = scenario.stagger ? rng.int(0, 2 * scenario.interval) : scenario.interval;
    return { index: i + 1, waitBeforeMs, ...planFault(spec, nodes, rng, scenario.cluster) };
  });
}
