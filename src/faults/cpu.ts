import { z } from "zod";
import { positiveDurationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { defineFault, type Lift, type Nemesis } from "./fault-kind.js";
import { degradedExpectation } from "./fault-expectation.js";
import { fixedTargets, planSchemaOf } from "./fault-plan.js";
import { pickTargets, targetSchema } from "./targets.js";

/** Gives every node back the CPU limit it had before meshproof changed it. */
const restoreAllCpus: Lift = {
  stage: "inside",
  async lift(cluster) {
    await Promise.all(cluster.nodeNames.map((node) => cluster.restoreCpus(node)));
  },
};

const cpuPlanSchema = planSchemaOf("cpu", { cpus: z.number().positive() });
type CpuPlan = z.output<typeof cpuPlanSchema>;

/**
 * Starves the targets of CPU: the engine limits their containers (NanoCpus,
 * the CFS quota) for the duration, then gives them back the limit they had.
 * A starved node may miss its ticks, so the mesh may drop meanwhile. A
 * limit of as many CPUs as the engine's host has is no limit (the CFS quota
 * never binds): such a fault would do nothing, so it is refused.
 */
export const cpu = defineFault({
  kind: "cpu",
  schema: strictObject({
    kind: z.literal("cpu"),
    target: targetSchema.default("random"),
    // the engine takes no less than a hundredth of a CPU
    cpus: z.number().min(0.01).default(0.05),
    duration: positiveDurationMs.optional(),
  }),
  planSchema: cpuPlanSchema,
  traits: { lasting: "duration", downing: false, flagFields: ["cpus"], color: "#637939" },
  rules: (_spec, cluster) =>
    cluster.engine === "swarm"
      ? [{ field: "kind", message: "cpu limits each container through the engine, and swarm does not update its tasks' containers one by one: use --engine docker" }]
      : [],
  requires: {
    asks: ["cpus"],
    problems: (spec, engine) =>
      spec.cpus >= engine.cpus
        ? [{ field: "cpus", message: `${spec.cpus} CPUs is no limit on an engine with ${engine.cpus}: the fault would do nothing (give fewer than ${engine.cpus})` }]
        : [],
  },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.duration ?? 0, cpus: spec.cpus }),
  specOf: (plan) => ({ kind: plan.kind, ...fixedTargets(plan), duration: plan.durationMs, cpus: plan.cpus }),
  nemesis: () => cpuNemesis(),
  expect: degradedExpectation,
  lifts: [restoreAllCpus],
});

const cpusOf = (cpus: number | null | undefined) => (cpus == null ? "no limit" : `${cpus} CPUs`);

/** Its evidence is the engine's own word: each target's container limited to the plan's CPUs, and afterwards to what it had before. */
function cpuNemesis(): Nemesis<CpuPlan> {
  const before = new Map<string, number | null>();
  return {
    async invoke(cluster, plan) {
      for (const [node, state] of Object.entries(await cluster.containerStates(plan.targets))) before.set(node, state.cpus);
      await Promise.all(plan.targets.map((node) => cluster.limitCpus(node, plan.cpus)));
    },
    async recover(cluster, plan) {
      await Promise.all(plan.targets.map((node) => cluster.restoreCpus(node)));
    },
    async inPlace(cluster, plan) {
      const states = await cluster.containerStates(plan.targets);
      return plan.targets.filter((node) => states[node]!.cpus !== plan.cpus).map((node) => `${node} has ${cpusOf(states[node]!.cpus)}, not ${plan.cpus}`);
    },
    async evidence(cluster, plan) {
      const states = await cluster.containerStates(plan.targets);
      return plan.targets.map((node) => `${node} limited to ${cpusOf(states[node]!.cpus)} (had ${cpusOf(before.get(node))})`).join(", ");
    },
    async undone(cluster, plan) {
      const states = await cluster.containerStates(plan.targets);
      return plan.targets.filter((node) => states[node]!.cpus !== before.get(node)).map((node) => `${node} has ${cpusOf(states[node]!.cpus)}, not its ${cpusOf(before.get(node))} of before`);
    },
  };
}
