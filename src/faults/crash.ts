import { z } from "zod";
import { strictObject } from "../config/strict-object.js";
import { defineFault } from "./fault-kind.js";
import { nothingDown, targetsLost } from "./fault-expectation.js";
import { pickTargets, targetSchema } from "./targets.js";

/**
 * Kills the BEAM inside the container (not PID 1: that is docker's init), so
 * the container exits non-zero and the engine's restart policy (or swarm)
 * brings it back. The harness recovers nothing.
 */
export const crash = defineFault({
  kind: "crash",
  schema: strictObject({ kind: z.literal("crash"), target: targetSchema.default("random") }),
  traits: { lasting: "none", downing: true, engineRestarts: true, color: "#9467bd" },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: 0 }),
  nemesis: () => ({
    async invoke(cluster, plan) {
      // the exec may be cut short by the container exiting: the checks verify the crash instead
      await Promise.all(plan.targets.map((node) => cluster.exec(node, ["pkill", "-KILL", "-x", "beam.smp"], { timeoutMs: 10_000 })));
    },
  }),
  // the engine restarts the node at once: nothing stable to observe in between
  expect: (plan, nodes) => ({
    ...nothingDown(),
    ...targetsLost(plan.targets, nodes),
    restartedByEngine: plan.targets,
    reincarnated: plan.targets,
    view: null,
    exactView: true,
    othersMayDisconnect: false,
  }),
});
