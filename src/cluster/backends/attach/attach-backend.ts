import type { ClusterBackend } from "../../cluster-backend.js";
import { namedContainers } from "../named-containers.js";
import type { ProbeLaunch } from "../../../probe/run-probe.js";

/**
 * Containers someone else started (found by a label): meshproof kills and
 * starts them like its own (the harness restarts what it killed), probes them
 * with the probe it copied in, takes that back (`release`) when probing ends,
 * and removes nothing of theirs.
 */
export function attachBackend(
  network: string,
  label: string,
  launches: ReadonlyMap<string, ProbeLaunch>,
  release: () => Promise<string[]>,
): ClusterBackend {
  return {
    kind: "attach",
    network,
    restarter: "harness",
    ...namedContainers(label),
    probeLaunch: (node) => launches.get(node.name) ?? {},
    release,
    // nothing of the user's: what meshproof put in, release() took back
    remove: async () => {},
  };
}
