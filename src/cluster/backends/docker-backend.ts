import { runLabelFilter } from "../../docker/labels.js";
import type { ProbeLaunch } from "../../probe/run-probe.js";
import type { ClusterBackend } from "./cluster-backend.js";
import { namedContainers } from "./named-containers.js";
import { networkName } from "../cluster-node.js";
import { removeRuns } from "../remove-run.js";

/** meshproof's own containers on a bridge network of the run: the harness restarts what it kills, and removes it all. */
export function dockerBackend(runId: string, launch: ProbeLaunch = {}): ClusterBackend {
  return {
    kind: "docker",
    network: networkName(runId),
    restarter: "harness",
    ...namedContainers(runLabelFilter(runId)),
    probeLaunch: () => launch,
    // its own containers, which remove() takes with all they hold
    release: async () => [],
    remove: async () => {
      await removeRuns(runId);
    },
  };
}
