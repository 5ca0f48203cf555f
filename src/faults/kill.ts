import { z } from "zod";
import { durationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { downedExpectation, downedNemesis } from "./downed.js";
import { defineFault } from "./fault-kind.js";
import { pickTargets, targetSchema } from "./targets.js";

/** docker kill (SIGKILL) of one node: its peers see the connection close at once. */
export const kill = defineFault({
  kind: "kill",
  schema: strictObject({ kind: z.literal("kill"), target: targetSchema.default("random"), downtime: durationMs.default(1_000) }),
  traits: { lasting: "downtime", downing: true, color: "#d62728" },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.downtime }),
  nemesis: (restarter) =>
    downedNemesis(async (cluster, plan) => {
      await Promise.all(plan.targets.map((node) => cluster.kill(node)));
    }, restarter),
  expect: downedExpectation,
});
