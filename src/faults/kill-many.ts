import { z } from "zod";
import { durationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { downedExpectation, downedNemesis, startStopped } from "./downed.js";
import { defineFault } from "./fault-kind.js";
import { fixedTargets, planSchemaOf } from "./fault-plan.js";
import { kill, killTargets } from "./kill.js";
import { pickTargets, targetSchema } from "./targets.js";

/** A kill of several nodes at once (a minority by default). */
export const killMany = defineFault({
  kind: "kill-many",
  schema: strictObject({ kind: z.literal("kill-many"), target: targetSchema.default("minority"), downtime: durationMs.default(1_000) }),
  planSchema: planSchemaOf("kill-many"),
  traits: { ...kill.traits, color: "#8c1c13" },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.downtime }),
  specOf: (plan) => ({ kind: plan.kind, ...fixedTargets(plan), downtime: plan.durationMs }),
  nemesis: (restarter) => downedNemesis(killTargets, restarter),
  expect: downedExpectation,
  lifts: [startStopped],
});
