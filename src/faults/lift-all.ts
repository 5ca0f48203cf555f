import type { Cluster } from "../cluster/cluster.js";
import { LIFT_STAGES } from "./fault-kind.js";
import { allLifts } from "./index.js";

/**
 * The final heal (Jepsen's): whatever state the run left, lift every fault
 * meshproof can inject, each kind's lifts stage by stage (containers
 * unpaused, reconnected, started; then what is inside the nodes), judged by
 * the containers' states from before it began. Idempotent.
 */
export async function liftAllFaults(cluster: Cluster): Promise<void> {
  const before = await cluster.containerStates();
  const lifts = allLifts();
  for (const stage of LIFT_STAGES) {
    for (const lift of lifts.filter((l) => l.stage === stage)) await lift.lift(cluster, before);
  }
}
