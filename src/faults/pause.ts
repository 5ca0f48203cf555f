import { z } from "zod";
import { positiveDurationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { defineFault, type Lift } from "./fault-kind.js";
import { nothingDown, targetsLost } from "./fault-expectation.js";
import { fixedTargets, planSchemaOf } from "./fault-plan.js";
import { pickTargets, targetSchema } from "./targets.js";
import { tooShortToNotice } from "./tick-notice.js";

/** Unpauses every paused node. */
const unpausePaused: Lift = {
  stage: "unpause",
  async lift(cluster, before) {
    await Promise.all(cluster.nodeNames.filter((node) => before[node]!.paused).map((node) => cluster.unpause(node)));
  },
};

/** docker pause: the node freezes with its connections open, so peers notice only through the tick. */
export const pause = defineFault({
  kind: "pause",
  schema: strictObject({ kind: z.literal("pause"), target: targetSchema.default("random"), duration: positiveDurationMs.optional() }),
  planSchema: planSchemaOf("pause"),
  traits: { lasting: "duration", downing: false, color: "#e6a100" },
  rules: (spec, cluster) => tooShortToNotice("a pause", spec.duration, cluster),
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.duration ?? 0 }),
  specOf: (plan) => ({ kind: plan.kind, ...fixedTargets(plan), duration: plan.durationMs }),
  nemesis: () => ({
    async invoke(cluster, plan) {
      await Promise.all(plan.targets.map((node) => cluster.pause(node)));
    },
    async recover(cluster, plan) {
      await Promise.all(plan.targets.map((node) => cluster.unpause(node)));
    },
  }),
  expect: (plan, nodes) => ({ ...nothingDown(), ...targetsLost(plan.targets, nodes), paused: plan.targets, exactView: true, othersMayDisconnect: true, nodedownReason: "net_tick_timeout" }),
  lifts: [unpausePaused],
});
