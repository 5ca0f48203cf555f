import { z } from "zod";
import { strictObject } from "../config/strict-object.js";
import { crashedExpectation, startStopped } from "./downed.js";
import { defineFault } from "./fault-kind.js";
import { fixedTargets, planSchemaOf } from "./fault-plan.js";
import { pickTargets, targetSchema } from "./targets.js";

/**
 * Kills the BEAM inside the container (not PID 1: that is docker's init), so
 * the container exits non-zero and the engine's restart policy (or swarm)
 * brings it back. The harness recovers nothing.
 */
export const crash = defineFault({
  kind: "crash",
  schema: strictObject({ kind: z.literal("crash"), target: targetSchema.default("random") }),
  planSchema: planSchemaOf("crash"),
  traits: { lasting: "none", downing: true, engineRestarts: true, color: "#9467bd" },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: 0 }),
  specOf: (plan) => ({ kind: plan.kind, ...fixedTargets(plan) }),
  nemesis: () => ({
    async invoke(cluster, plan) {
      // the exec may be cut short by the container exiting: the checks verify the crash instead
      await Promise.all(plan.targets.map((node) => cluster.exec(node, ["pkill", "-KILL", "-x", "beam.smp"], { timeoutMs: 10_000 })));
    },
  }),
  expect: crashedExpectation,
  // the engine should have restarted it; the final heal starts what it did not
  lifts: [startStopped],
});
