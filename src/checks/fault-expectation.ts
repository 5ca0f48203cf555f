import type { ClusterBackend } from "../cluster/cluster-backend.js";
import type { FaultPlan } from "../schedule/plan-faults.js";
import { fullMesh, type MeshPlan } from "./mesh.js";

/** What a planned fault must visibly do while it lasts, as plain data for the checks. */
export interface FaultExpectation {
  /** Containers that must be stopped, or paused, during the fault. */
  stopped: string[];
  paused: string[];
  /** Containers the engine's restart policy must restart (once) by itself. */
  restartedByEngine: string[];
  /** Nodes that come back as a new incarnation; every other node must keep its own. */
  reincarnated: string[];
  /** Nodes that can be probed during the fault. */
  observable: string[];
  /** Each observable node's allowed peers during the fault; null when nothing stable can be demanded. */
  view: MeshPlan | null;
  /** true: nodes() must equal the view; false: equal or stricter (a partition may cut more, see prevent_overlapping_partitions). */
  exactView: boolean;
  /** Each observer must log a nodedown of each node it loses, after the fault began. */
  lostLinks: { observer: string; lost: string }[];
  /** The nodedown reason those events must carry, when the fault determines it. */
  nodedownReason?: string;
  /** Containers whose network shaping (netem) must be in place. */
  shaped: string[];
}

/**
 * @param restarter who brings back a killed or stopped node: on swarm it is
 * swarm, so a kill or stop is a crash as far as the checks go.
 */
export function expectationOf(plan: FaultPlan, nodes: readonly string[], restarter: ClusterBackend["restarter"] = "harness"): FaultExpectation {
  const others = nodes.filter((node) => !plan.targets.includes(node));
  const lostTargets = others.flatMap((observer) => plan.targets.map((lost) => ({ observer, lost })));
  const none = { stopped: [], paused: [], restartedByEngine: [], reincarnated: [], shaped: [] };
  switch (plan.kind) {
    case "kill":
    case "kill-many":
    case "stop":
      if (restarter === "swarm") return expectationOf({ ...plan, kind: "crash" }, nodes);
      return { ...none, stopped: plan.targets, reincarnated: plan.targets, observable: others, view: fullMesh(others), exactView: true, lostLinks: lostTargets };
    case "crash":
      // the engine (or swarm) restarts the node at once: nothing stable to observe in between
      return { ...none, restartedByEngine: plan.targets, reincarnated: plan.targets, observable: others, view: null, exactView: true, lostLinks: lostTargets };
    case "pause":
      return {
        ...none,
        paused: plan.targets,
        observable: others,
        view: fullMesh(others),
        exactView: true,
        lostLinks: lostTargets,
        nodedownReason: "net_tick_timeout",
      };
    case "partition": {
      // a node taken off the network cannot even reach its own name: only the others can be asked
      const observable = plan.method === "disconnect" ? others : [...nodes];
      const view = new Map(Object.entries(plan.view ?? {}).filter(([node]) => observable.includes(node)));
      const lostLinks = [...view].flatMap(([observer, peers]) =>
        nodes.filter((lost) => lost !== observer && !peers.includes(lost)).map((lost) => ({ observer, lost })),
      );
      return { ...none, observable, view, exactView: false, lostLinks };
    }
    case "delay":
    case "loss":
      return { ...none, shaped: plan.targets, observable: [...nodes], view: fullMesh(nodes), exactView: true, lostLinks: [] };
  }
}
