import { setTimeout as sleep } from "node:timers/promises";
import pLimit from "p-limit";
import { containerByName, listContainers, removeContainer } from "../docker/containers.js";
import { listNetworks, removeNetwork } from "../docker/networks.js";
import { isSwarmManager, listSecrets, listServices, removeSecret, removeService } from "../docker/swarm.js";
import { runLabelFilter } from "../docker/labels.js";

/**
 * Container removals in flight at once: 50 at a time can leave a bridge
 * network with a stale endpoint count in Docker 20.10 ("has active endpoints"
 * with no container on it, until the engine restarts).
 */
const REMOVES_AT_ONCE = 8;
/** How long an overlay network may stay in use after its services are gone (swarm removes their containers itself). */
const NETWORK_RELEASE_MS = 30_000;

/**
 * Removes everything labeled with the run (or with any run): swarm services
 * first (else swarm would replace the containers removed next), containers,
 * networks, then secrets. A sweep by label, so it also catches what a
 * half-finished start left behind. Returns how many of each it removed.
 */
export async function removeRuns(runId: string | "all"): Promise<{ services: number; containers: number; networks: number; secrets: number }> {
  const filter = runLabelFilter(runId);
  const swarm = await isSwarmManager();
  const services = swarm ? await listServices([filter]) : [];
  await Promise.all(services.map((s) => removeService(s.id)));
  const containers = await listContainers([filter]);
  const limit = pLimit(REMOVES_AT_ONCE);
  await Promise.all(containers.map((c) => limit(() => removeContainer(containerByName(c.id)))));
  const networks = await listNetworks([filter]);
  await Promise.all(networks.map((n) => removeReleasedNetwork(n.id)));
  const secrets = swarm ? await listSecrets([filter]) : [];
  await Promise.all(secrets.map((s) => removeSecret(s.id)));
  return { services: services.length, containers: containers.length, networks: networks.length, secrets: secrets.length };
}

/** An overlay network answers "has active endpoints" until swarm has let go of its tasks' endpoints, a moment after the services. */
async function removeReleasedNetwork(id: string): Promise<void> {
  const deadline = Date.now() + NETWORK_RELEASE_MS;
  for (;;) {
    try {
      await removeNetwork(id);
      return;
    } catch (error) {
      if (Date.now() > deadline || !/active endpoints|in use/i.test(String(error))) throw error;
      await sleep(500);
    }
  }
}
