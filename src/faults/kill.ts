import { z } from "zod";
import { durationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { downedExpectation, downedNemesis, startStopped } from "./downed.js";
import { defineFault, type Nemesis } from "./fault-kind.js";
import { fixedTargets, planSchemaOf } from "./fault-plan.js";
import { pickTargets, targetSchema } from "./targets.js";

/** SIGKILL of every target's container. */
export const killTargets: Nemesis["invoke"] = async (cluster, plan) => {
  await Promise.all(plan.targets.map((node) => cluster.kill(node)));
};

/** docker kill (SIGKILL) of one node: its peers see the connection close at once. */
export const kill = defineFault({
  kind: "kill",
  schema: strictObject({ kind: z.literal("kill"), target: targetSchema.default("random"), downtime: durationMs.default(1_000) }),
  planSchema: planSchemaOf("kill"),
  traits: { lasting: "downtime", downing: true, color: "#d62728" },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.downtime }),
  specOf: (plan) => ({ kind: plan.kind, ...fixedTargets(plan), downtime: plan.durationMs }),
  nemesis: (restarter) => downedNemesis(killTargets, restarter),
  expect: downedExpectation,
  lifts: [startStopped],
});
