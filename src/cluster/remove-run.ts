import { containerByName, listContainers, removeContainer } from "../docker/containers.js";
import { listNetworks, removeNetwork } from "../docker/networks.js";
import { LABEL_RUN, runLabelFilter } from "./labels.js";

/**
 * Removes every container and network labeled with the run (or with any run):
 * a sweep by label, so it also catches what a half-finished start left behind.
 * Returns how many of each it removed.
 */
export async function removeRuns(runId: string | "all"): Promise<{ containers: number; networks: number }> {
  const filter = runId === "all" ? LABEL_RUN : runLabelFilter(runId);
  const containers = await listContainers([filter]);
  await Promise.all(containers.map((c) => removeContainer(containerByName(c.id))));
  const networks = await listNetworks([filter]);
  await Promise.all(networks.map((n) => removeNetwork(n.id)));
  return { containers: containers.length, networks: networks.length };
}
