import { z } from "zod";
import { positiveDurationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { defineFault } from "./fault-kind.js";
import { degradedExpectation } from "./fault-expectation.js";
import { fixedTargets, planSchemaOf } from "./fault-plan.js";
import { qdiscNemesis, unshapeAll } from "./qdisc.js";
import { pickTargets, targetSchema } from "./targets.js";

/** A rate as tc writes one: a number and a unit (bit, kbit, mbit, gbit; bps, kbps, mbps, gbps are bytes). */
const rateSchema = z.string().regex(/^\d+(\.\d+)?([kmg]?bit|[kmg]?bps)$/, "a rate such as 64kbit, 1mbit or 10kbps");

const bandwidthPlanSchema = planSchemaOf("bandwidth", { rate: z.string() });

/**
 * A slow link: the targets' outgoing traffic goes through a token bucket
 * (tc's tbf, which needs no netem) at `rate`. Packets beyond what the bucket
 * holds for 400 ms are dropped, as on a saturated link. The mesh may or may
 * not drop meanwhile.
 */
export const bandwidth = defineFault({
  kind: "bandwidth",
  schema: strictObject({
    kind: z.literal("bandwidth"),
    target: targetSchema.default("random"),
    rate: rateSchema.default("64kbit"),
    duration: positiveDurationMs.optional(),
  }),
  planSchema: bandwidthPlanSchema,
  traits: { lasting: "duration", downing: false, flagFields: ["rate"], color: "#bcbd22" },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.duration ?? 0, rate: spec.rate }),
  specOf: (plan) => ({ kind: plan.kind, ...fixedTargets(plan), duration: plan.durationMs, rate: plan.rate }),
  nemesis: () => qdiscNemesis((plan: z.output<typeof bandwidthPlanSchema>) => `tbf rate ${plan.rate} burst 32kbit latency 400ms`),
  expect: degradedExpectation,
  lifts: [unshapeAll],
});
