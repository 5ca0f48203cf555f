import type { StartedCluster } from "../cluster/started-cluster.js";
import { unpauseContainer } from "../docker/containers.js";
import { connectContainer } from "../docker/networks.js";
import { healIptables } from "./partition-iptables.js";
import { netAdminShell } from "./net-admin-shell.js";

/**
 * The final heal (Jepsen's): whatever state the run left, lift every fault
 * meshproof can inject: unpause, reconnect to the network, start (unless swarm
 * restarts the nodes), drop the partition rules and any netem shaping.
 * Idempotent.
 */
export async function liftAllFaults(cluster: StartedCluster): Promise<void> {
  const states = await cluster.containerStates();
  await Promise.all(
    cluster.nodes.map(async (node) => {
      const state = states[node.name]!;
      if (state.paused) await unpauseContainer(await cluster.container(node.name));
      if (cluster.backend.restarter === "swarm") return; // swarm restarts its tasks, on the network they belong to
      if (!(cluster.network in state.addresses)) await connectContainer(cluster.network, node.containerName, [node.host]);
      if (!state.running) await cluster.restart(node.name);
    }),
  );
  await healIptables(cluster);
  await Promise.all(cluster.nodeNames.map(async (node) => netAdminShell(await cluster.container(node), node, "tc qdisc del dev eth0 root 2>/dev/null || true")));
}
