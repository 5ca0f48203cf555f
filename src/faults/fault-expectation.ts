import type { FaultExpectation } from "../checks/fault-expectation.js";
import { fullMesh } from "../checks/mesh.js";

export type { FaultExpectation };

/** Nothing stopped, paused, restarted or shaped: the fields most faults leave empty. */
export function nothingDown(): Pick<FaultExpectation, "stopped" | "paused" | "restartedByEngine" | "reincarnated" | "shaped"> {
  return { stopped: [], paused: [], restartedByEngine: [], reincarnated: [], shaped: [] };
}

/** Every other node must lose each target, and see the rest as before. */
export function targetsLost(targets: readonly string[], nodes: readonly string[]) {
  const others = nodes.filter((node) => !targets.includes(node));
  return { observable: others, view: fullMesh(others), lostLinks: others.flatMap((observer) => targets.map((lost) => ({ observer, lost }))) };
}
