import { runLabelFilter } from "../../docker/labels.js";
import type { ProbeLaunch } from "../../probe/run-probe.js";
import type { ClusterBackend } from "../cluster-backend.js";
import { namedContainers } from "./named-containers.js";
import { networkName } from "../cluster-node.js";
import type { NodeMaker } from "../node-maker.js";
import { removeRuns } from "../remove-run.js";
import { replaceContainer } from "./replace-container.js";

/**
 * meshproof's own containers on a bridge network of the run: the harness
 * restarts what it kills, and removes it all; it replaces a node's container
 * where it knows how the nodes were made (the run it started, not one found
 * again by its labels).
 */
export function dockerBackend(runId: string, launch: ProbeLaunch = {}, makeNode?: NodeMaker): ClusterBackend {
  const named = namedContainers(runLabelFilter(runId));
  return {
    kind: "docker",
    network: networkName(runId),
    restarter: "harness",
    ...named,
    ...(makeNode ? { replace: (node) => replaceContainer(node, makeNode, named.start) } : {}),
    probeLaunch: () => launch,
    // its own containers, which remove() takes with all they hold
    release: async () => [],
    remove: async () => {
      await removeRuns(runId);
    },
  };
}
