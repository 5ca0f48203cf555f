import type { FaultExpectation } from "../checks/fault-expectation.js";
import { fullMesh } from "../checks/mesh.js";

export type { FaultExpectation };

/** Nothing stopped, paused or restarted: the fields most faults leave empty. */
export function nothingDown(): Pick<FaultExpectation, "stopped" | "paused" | "restartedByEngine" | "reincarnated"> {
  return { stopped: [], paused: [], restartedByEngine: [], reincarnated: [] };
}

/** Every other node must lose each target, and see the rest as before. */
export function targetsLost(targets: readonly string[], nodes: readonly string[]) {
  const others = nodes.filter((node) => !targets.includes(node));
  return { observable: others, view: fullMesh(others), lostLinks: others.flatMap((observer) => targets.map((lost) => ({ observer, lost }))) };
}

/**
 * The fault degrades rather than cuts (loss, a slow link, a starved CPU, a
 * blip): every node stays observable, nothing is demanded of the mesh while
 * it lasts (it may or may not drop), and any nodedown meanwhile is the fault's.
 * Its evidence is the fault's own (its rules, its qdisc) and the heal after.
 */
export function degradedExpectation(_plan: unknown, nodes: readonly string[]): FaultExpectation {
  return { ...nothingDown(), observable: [...nodes], view: null, exactView: false, othersMayDisconnect: true, lostLinks: [] };
}

/**
 * The fault keeps new connections from forming (no epmd, no resolver) and
 * leaves the established ones alone: every node stays observable and keeps
 * exactly the full mesh, and a nodedown meanwhile is nobody's but the cluster's.
 */
export function connectionsStayExpectation(_plan: unknown, nodes: readonly string[]): FaultExpectation {
  return { ...nothingDown(), observable: [...nodes], view: fullMesh(nodes), exactView: true, othersMayDisconnect: false, lostLinks: [] };
}
