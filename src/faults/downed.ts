import type { FaultExpectation } from "./fault-expectation.js";
import { nothingDown, targetsLost } from "./fault-expectation.js";
import type { PlanBase } from "./fault-plan.js";
import type { Lift, Nemesis, Restarter } from "./fault-kind.js";

/**
 * Kill and stop take their targets down for the downtime and the harness
 * starts them again; on swarm, swarm replaces them by itself, so there the
 * fault has no recover and is checked like a crash.
 */
export function downedNemesis<P extends PlanBase>(invoke: Nemesis<P>["invoke"], restarter: Restarter): Nemesis<P> {
  if (restarter === "swarm") return { invoke };
  return {
    invoke,
    async recover(cluster, plan) {
      await Promise.all(plan.targets.map((node) => cluster.restart(node)));
    },
  };
}

export function downedExpectation(plan: PlanBase, nodes: readonly string[], restarter: Restarter): FaultExpectation {
  if (restarter === "swarm") return crashedExpectation(plan, nodes);
  return { ...nothingDown(), ...targetsLost(plan.targets, nodes), stopped: plan.targets, reincarnated: plan.targets, exactView: true, othersMayDisconnect: false };
}

/** The engine restarts the targets at once: nothing stable to observe in between. */
export function crashedExpectation(plan: PlanBase, nodes: readonly string[]): FaultExpectation {
  return {
    ...nothingDown(),
    ...targetsLost(plan.targets, nodes),
    restartedByEngine: plan.targets,
    reincarnated: plan.targets,
    view: null,
    exactView: true,
    othersMayDisconnect: false,
  };
}

/** Starts every node that is not running (unless swarm, which restarts its tasks by itself): whoever took it down. */
export const startStopped: Lift = {
  stage: "start",
  async lift(cluster, before) {
    if (cluster.restarter === "swarm") return;
    await Promise.all(cluster.nodeNames.filter((node) => !before[node]!.running).map((node) => cluster.restart(node)));
  },
};
