import { z } from "zod";
import { durationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { downedExpectation, downedNemesis, startStopped } from "./downed.js";
import { defineFault } from "./fault-kind.js";
import { fixedTargets, planSchemaOf } from "./fault-plan.js";
import { pickTargets, targetSchema } from "./targets.js";

const DEFAULT_GRACE_MS = 5_000;

/** Graceful stop (SIGTERM, then SIGKILL after the grace period), then start. */
export const stop = defineFault({
  kind: "stop",
  schema: strictObject({
    kind: z.literal("stop"),
    target: targetSchema.default("random"),
    downtime: durationMs.default(1_000),
    grace: durationMs.default(DEFAULT_GRACE_MS),
  }),
  // a plan without its grace (a hand-made one) waits the spec's default
  planSchema: planSchemaOf("stop", { graceMs: z.number().int().nonnegative().optional() }),
  traits: { lasting: "downtime", downing: true, color: "#8c564b" },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.downtime, graceMs: spec.grace }),
  specOf: (plan) => ({ kind: plan.kind, ...fixedTargets(plan), downtime: plan.durationMs, ...(plan.graceMs === undefined ? {} : { grace: plan.graceMs }) }),
  nemesis: (restarter) =>
    downedNemesis(async (cluster, plan) => {
      const grace = Math.ceil((plan.graceMs ?? DEFAULT_GRACE_MS) / 1000);
      await Promise.all(plan.targets.map((node) => cluster.stop(node, grace)));
    }, restarter),
  expect: downedExpectation,
  lifts: [startStopped],
});
