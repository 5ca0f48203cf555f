import { z } from "zod";
import { clusterOptionsSchema, onlyWhenFieldsAreValid } from "../config/cluster-options.js";
import { durationMs, positiveDurationMs } from "../config/duration.js";
import { integer } from "../config/integer.js";
import { invariantSchema } from "../config/invariants.js";
import { WORKLOADS } from "./workloads.js";
import { strictObject } from "../config/strict-object.js";
import { DEFAULT_STABLE_MS } from "../poll.js";
import { faultSpecSchema, traitsOf, type FaultSpec } from "../faults/index.js";
import { healBudgetSchema } from "./heal-budget.js";
import { scenarioProblems } from "./rules.js";

/**
 * A chaos scenario (YAML or JSON file, or built from CLI flags): the cluster,
 * the faults to draw from, how many iterations, and the deadlines and budget
 * the verdict is held to.
 */
export const scenarioSchema = strictObject({
  name: z.string().optional(),
  seed: integer(0, 2 ** 32 - 1).optional(),
  cluster: clusterOptionsSchema.default(clusterOptionsSchema.parse({})),
  faults: z.array(faultSpecSchema).min(1).default([faultSpecSchema.parse({ kind: "kill" })]),
  /** How many faults to inject, one iteration each. */
  count: integer(1, 10_000).default(10),
  /** random: each iteration draws a fault from the list; cycle: the list in order, over and over. */
  order: z.enum(["random", "cycle"]).default("random"),
  /** Wait between iterations; with stagger, a random wait in [0, 2 x interval]. */
  interval: durationMs.default(0),
  stagger: z.boolean().default(false),
  /** After the last iteration, lift every fault and check the cluster once more within the recovery window. */
  finalHeal: z.boolean().default(true),
  recoveryWindow: positiveDurationMs.default(30_000),
  deadlines: strictObject({
    /** How long nodes may take to notice a fault; default: 15 s or 3 ticks, whichever is longer. */
    detect: positiveDurationMs.optional(),
    /** How long the cluster may take to heal after a fault is lifted. */
    heal: positiveDurationMs.default(30_000),
    /** How long every layer must hold before healthy or healed counts (at least two looks). */
    stable: positiveDurationMs.default(DEFAULT_STABLE_MS),
  }).default({ heal: 30_000, stable: DEFAULT_STABLE_MS }),
  /** The user's own invariants, judged with every layer wherever health is judged. */
  invariants: z.array(invariantSchema).default([]),
  /** What the harness does to the cluster during faults besides them: global-names registers one name on both sides of a split. */
  workload: z.enum(WORKLOADS).optional(),
  /** The p95 of each fault kind's heal times, for every kind or per kind. A p95 of 0 could only fail. */
  budget: strictObject({ healP95: healBudgetSchema.optional() }).default({}),
})
  .superRefine((scenario, ctx) => {
    for (const problem of scenarioProblems(scenario)) ctx.addIssue({ code: "custom", message: problem.message, path: problem.path });
  }, onlyWhenFieldsAreValid)
  .transform(normalize);

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;

/** Fills the tick-dependent defaults: faults that only the tick reveals last 3 ticks; detection may take 3 ticks. */
function normalize<S extends { cluster: { netTicktime: number }; faults: FaultSpec[]; deadlines: { detect?: number | undefined; heal: number; stable: number } }>(
  scenario: S,
) {
  const tickMs = scenario.cluster.netTicktime * 1000;
  const faults = scenario.faults.map((fault) =>
    traitsOf(fault.kind).lasting === "duration" && !("duration" in fault && fault.duration !== undefined) ? { ...fault, duration: 3 * tickMs } : fault,
  );
  return { ...scenario, faults, deadlines: { ...scenario.deadlines, detect: scenario.deadlines.detect ?? Math.max(15_000, 3 * tickMs) } };
}
