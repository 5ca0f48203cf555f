import { z } from "zod";
import { positiveDurationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { defineFault } from "./fault-kind.js";
import { degradedExpectation } from "./fault-expectation.js";
import { fixedTargets, planSchemaOf } from "./fault-plan.js";
import { flushIptables, iptablesNemesis } from "./iptables-chain.js";
import { pickTargets, targetSchema } from "./targets.js";

const lossPlanSchema = planSchemaOf("loss", { probability: z.number().min(0).max(1) });

/**
 * Drops a share of the packets between the targets and every other node, at
 * random, with iptables' statistic match in the targets' network namespaces
 * (it works where the kernel has no netem). The mesh may or may not drop.
 */
export const loss = defineFault({
  kind: "loss",
  schema: strictObject({
    kind: z.literal("loss"),
    target: targetSchema.default("random"),
    probability: z.number().gt(0).max(1).default(0.3),
    duration: positiveDurationMs.optional(),
  }),
  planSchema: lossPlanSchema,
  traits: { lasting: "duration", downing: false, flagFields: ["probability"], color: "#2ca02c" },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.duration ?? 0, probability: spec.probability }),
  specOf: (plan) => ({ kind: plan.kind, ...fixedTargets(plan), duration: plan.durationMs, probability: plan.probability }),
  nemesis: () =>
    iptablesNemesis((plan: z.output<typeof lossPlanSchema>, node, addresses) => {
      if (!plan.targets.includes(node)) return [];
      const dropped = `-m statistic --mode random --probability ${plan.probability} -j DROP`;
      const peers = Object.entries(addresses).filter(([peer]) => peer !== node).map(([, ip]) => ip);
      return peers.flatMap((ip) => [`-s ${ip} ${dropped}`, `-d ${ip} ${dropped}`]);
    }),
  expect: degradedExpectation,
  lifts: [flushIptables],
});
