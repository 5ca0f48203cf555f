import { isDeepStrictEqual } from "node:util";
import { nodeNames } from "../cluster/cluster-node.js";
import { specOfPlan } from "../faults/index.js";
import { planFaults } from "../run/plan-schedule.js";
import { scenarioSchema, type Scenario } from "../scenario/scenario.js";
import { withDurationUnits } from "../scenario/stored-scenario.js";
import { runnableSchedule, type Candidate } from "./candidate.js";

export interface ReproScenario {
  /** The scenario file's content: every field of the run's scenario, the candidate's faults in order. */
  input: Record<string, unknown>;
  scenario: Scenario;
  /** Faults this scenario plans otherwise than the candidate (a partition's view, uneven waits): `meshproof replay` of the candidate's report runs those exactly. */
  inexact: string[];
}

/**
 * A scenario that runs the candidate by itself: the run's scenario (cluster,
 * image and node command, deadlines, invariants), the candidate's node count,
 * its faults as fixed specs in `order: cycle`, its wait as the interval, the
 * run's seed, every duration with its unit (what a person would write).
 * Planned again and compared, so that what it cannot say is said.
 */
export function reproScenario(run: Scenario, seed: number, candidate: Candidate, name: string): ReproScenario {
  const schedule = runnableSchedule(candidate);
  // the new name first, so that the file says what it is at its top
  const { name: _runName, ...options } = run;
  const input = withDurationUnits({
    name,
    ...options,
    seed,
    cluster: { ...run.cluster, nodes: candidate.nodes },
    faults: schedule.map(specOfPlan),
    count: schedule.length,
    order: "cycle",
    interval: schedule[0]?.waitBeforeMs ?? 0,
    stagger: false,
  });
  const scenario = scenarioSchema.parse(input);
  const planned = planFaults(scenario, nodeNames(candidate.nodes), seed);
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
  const inexact = schedule.filter((plan, i) => !isDeepStrictEqual(plain(plan), plain(planned[i]))).map((plan) => `fault ${plan.index} (${plan.kind})`);
  return { input, scenario, inexact };
}
