import type { FaultExpectation } from "./fault-expectation.js";
import { nothingDown, targetsLost } from "./fault-expectation.js";
import type { FaultPlan } from "./fault-plan.js";
import type { Nemesis, Restarter } from "./fault-kind.js";
import { crash } from "./crash.js";

/**
 * Kill and stop take their targets down for the downtime and the harness
 * starts them again; on swarm, swarm replaces them by itself, so there the
 * fault has no recover and is checked like a crash.
 */
export function downedNemesis(invoke: Nemesis["invoke"], restarter: Restarter): Nemesis {
  if (restarter === "swarm") return { invoke };
  return {
    invoke,
    async recover(cluster, plan) {
      await Promise.all(plan.targets.map((node) => cluster.restart(node)));
    },
  };
}

export function downedExpectation(plan: FaultPlan, nodes: readonly string[], restarter: Restarter): FaultExpectation {
  if (restarter === "swarm") return crash.expect(plan, nodes, restarter);
  return { ...nothingDown(), ...targetsLost(plan.targets, nodes), stopped: plan.targets, reincarnated: plan.targets, exactView: true, othersMayDisconnect: false };
}
