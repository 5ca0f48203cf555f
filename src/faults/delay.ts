import { z } from "zod";
import { positiveDurationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { defineFault } from "./fault-kind.js";
import { fixedTargets, planSchemaOf } from "./fault-plan.js";
import { qdiscNemesis, shapedExpectation, unshapeAll } from "./qdisc.js";
import { pickTargets, targetSchema } from "./targets.js";

const delayPlanSchema = planSchemaOf("delay", { delayMs: z.number().int().nonnegative() });

/** Delays every packet of the targets (netem). */
export const delay = defineFault({
  kind: "delay",
  schema: strictObject({ kind: z.literal("delay"), target: targetSchema.default("random"), delay: positiveDurationMs.default(200), duration: positiveDurationMs.optional() }),
  planSchema: delayPlanSchema,
  traits: { lasting: "duration", downing: false, color: "#17becf" },
  // better a clear "cannot" before any cluster starts than a fault that silently does nothing
  requires: {
    asks: ["netem"],
    problems: (_spec, engine) =>
      engine.netem.offered
        ? []
        : [{ field: "kind", message: `delay faults need the kernel's netem queueing discipline (sch_netem), which this engine's kernel does not offer (tc said: ${engine.netem.said})` }],
  },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.duration ?? 0, delayMs: spec.delay }),
  specOf: (plan) => ({ kind: plan.kind, ...fixedTargets(plan), duration: plan.durationMs, delay: plan.delayMs }),
  nemesis: () => qdiscNemesis((plan: z.output<typeof delayPlanSchema>) => `netem delay ${plan.delayMs}ms`),
  expect: shapedExpectation,
  lifts: [unshapeAll],
});
