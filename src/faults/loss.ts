import { z } from "zod";
import { durationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { defineFault } from "./fault-kind.js";
import { netemNemesis, shapedExpectation } from "./netem.js";
import { pickTargets, targetSchema } from "./targets.js";

/** Drops a share of the targets' packets (netem). */
export const loss = defineFault({
  kind: "loss",
  schema: strictObject({
    kind: z.literal("loss"),
    target: targetSchema.default("random"),
    percent: z.number().min(0).max(100).default(30),
    duration: durationMs.optional(),
  }),
  traits: { lasting: "duration", downing: false, needsNetem: true, color: "#2ca02c" },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.duration ?? 0, lossPercent: spec.percent }),
  nemesis: () => netemNemesis((plan) => `loss ${plan.lossPercent}%`),
  expect: shapedExpectation,
});
