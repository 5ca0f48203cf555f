import { containerByName, containerState } from "../../docker/containers.js";
import { runLabelFilter } from "../../docker/labels.js";
import type { ProbeLaunch } from "../../probe/run-probe.js";
import type { ClusterBackend } from "./cluster-backend.js";
import { ContainerRestarts } from "./container-restarts.js";
import { networkName } from "../cluster-node.js";
import { removeRuns } from "../remove-run.js";

/** meshproof's own containers on a bridge network of the run: the harness restarts what it kills, and removes it all. */
export function dockerBackend(runId: string, launch: ProbeLaunch = {}): ClusterBackend {
  const restarts = new ContainerRestarts(runLabelFilter(runId));
  return {
    kind: "docker",
    network: networkName(runId),
    restarter: "harness",
    container: async (node) => containerByName(node.containerName),
    state: (node) => containerState(containerByName(node.containerName)),
    start: (node) => restarts.start(node.containerName, containerByName(node.containerName)),
    engineRestarts: (node, sinceMs) => restarts.restarts(node.containerName, sinceMs),
    close: () => restarts.close(),
    probeLaunch: () => launch,
    // its own containers, which remove() takes with all they hold
    release: async () => [],
    remove: async () => {
      await removeRuns(runId);
    },
  };
}
