import { z } from "zod";
import { durationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { downedExpectation, downedNemesis } from "./downed.js";
import { defineFault } from "./fault-kind.js";
import { pickTargets, targetSchema } from "./targets.js";

/** Graceful stop (SIGTERM, then SIGKILL after the grace period), then start. */
export const stop = defineFault({
  kind: "stop",
  schema: strictObject({
    kind: z.literal("stop"),
    target: targetSchema.default("random"),
    downtime: durationMs.default(1_000),
    grace: durationMs.default(5_000),
  }),
  traits: { lasting: "downtime", downing: true, color: "#8c564b" },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.downtime, graceMs: spec.grace }),
  nemesis: (restarter) =>
    downedNemesis(async (cluster, plan) => {
      const grace = Math.ceil((plan.graceMs ?? 5_000) / 1000);
      await Promise.all(plan.targets.map((node) => cluster.stop(node, grace)));
    }, restarter),
  expect: downedExpectation,
});
