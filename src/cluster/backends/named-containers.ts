import { containerByName, containerState } from "../../docker/containers.js";
import type { ClusterBackend } from "../cluster-backend.js";
import { ContainerRestarts } from "./container-restarts.js";

/**
 * A backend's part for nodes that are containers with fixed names (meshproof's
 * own, or attached ones): find them, read their state, start them as the
 * harness, and follow the engine's own restarts of the containers carrying
 * `label`.
 */
export function namedContainers(label: string): Pick<ClusterBackend, "container" | "state" | "start" | "engineRestarts" | "close"> {
  const restarts = new ContainerRestarts(label);
  return {
    container: async (node) => containerByName(node.containerName),
    state: (node) => containerState(containerByName(node.containerName)),
    start: (node) => restarts.start(node.containerName, containerByName(node.containerName)),
    engineRestarts: (node, sinceMs) => restarts.restarts(node.containerName, sinceMs),
    close: () => restarts.close(),
  };
}
