import type { StartedCluster } from "../cluster/started-cluster.js";
import type { FaultPlan } from "../schedule/plan-faults.js";

/**
 * How one kind of fault is done to a cluster and undone (Jepsen's nemesis):
 * invoke applies the plan, recover lifts it. Whether it took effect is not
 * theirs to say; the checks observe that.
 */
export interface Nemesis {
  invoke(cluster: StartedCluster, plan: FaultPlan): Promise<void>;
  /** Lifts the fault; undefined when the system recovers by itself (a crash: the engine restarts it). */
  recover?(cluster: StartedCluster, plan: FaultPlan): Promise<void>;
}
