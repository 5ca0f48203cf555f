import type { Cluster } from "../cluster/cluster.js";
import { startEpmd } from "./epmd-daemon.js";
import { healIptables } from "./iptables-chain.js";
import { unshapeAll } from "./qdisc.js";
import { resumeAllSuspended } from "./suspend-process.js";

/**
 * The final heal (Jepsen's): whatever state the run left, lift every fault
 * meshproof can inject: unpause, reconnect to the network, start (unless swarm
 * restarts the nodes), drop the partition rules and any netem shaping, and
 * give back the CPU limits meshproof changed, start epmd where a running
 * node has none (a node started here starts its own), and resume the
 * processes meshproof suspended (once the nodes run). Idempotent.
 */
export async function liftAllFaults(cluster: Cluster): Promise<void> {
  const states = await cluster.containerStates();
  await Promise.all(
    cluster.nodeNames.map(async (node) => {
      const state = states[node]!;
      if (state.paused) await cluster.unpause(node);
      if (cluster.restarter === "swarm") return; // swarm restarts its tasks, on the network they belong to
      await cluster.connect(node);
      if (!state.running) await cluster.restart(node);
    }),
  );
  await healIptables(cluster);
  await unshapeAll(cluster);
  await Promise.all(cluster.nodeNames.map((node) => cluster.restoreCpus(node)));
  await Promise.all(cluster.nodeNames.filter((node) => states[node]!.running).map((node) => startEpmd(cluster, node)));
  await resumeAllSuspended(cluster);
}
