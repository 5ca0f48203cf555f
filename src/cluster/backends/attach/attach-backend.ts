import type { ClusterBackend } from "../cluster-backend.js";
import { containerByName, containerState } from "../../../docker/containers.js";
import { ContainerRestarts } from "../container-restarts.js";

/**
 * Containers someone else started (found by a label): meshproof kills and
 * starts them like its own (the harness restarts what it killed), probes them
 * with the probe it copied in, and removes nothing.
 */
export function attachBackend(network: string, label: string, probeEnv: ReadonlyMap<string, string[]>): ClusterBackend {
  const restarts = new ContainerRestarts(label);
  return {
    kind: "attach",
    network,
    restarter: "harness",
    container: async (node) => containerByName(node.containerName),
    state: (node) => containerState(containerByName(node.containerName)),
    start: (node) => restarts.start(node.containerName, containerByName(node.containerName)),
    engineRestarts: (node, sinceMs) => restarts.restarts(node.containerName, sinceMs),
    close: () => restarts.close(),
    probeLaunch: (node) => ({ env: probeEnv.get(node.name) }),
    remove: async () => {},
  };
}
