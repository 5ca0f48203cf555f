import { z } from "zod";
import { positiveDurationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { defineFault } from "./fault-kind.js";
import { qdiscNemesis, shapedExpectation } from "./qdisc.js";
import { pickTargets, targetSchema } from "./targets.js";

/** Delays every packet of the targets (netem). */
export const delay = defineFault({
  kind: "delay",
  schema: strictObject({ kind: z.literal("delay"), target: targetSchema.default("random"), delay: positiveDurationMs.default(200), duration: positiveDurationMs.optional() }),
  traits: { lasting: "duration", downing: false, needsNetem: true, color: "#17becf" },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.duration ?? 0, delayMs: spec.delay }),
  nemesis: () => qdiscNemesis((plan) => `netem delay ${plan.delayMs}ms`),
  expect: shapedExpectation,
});
