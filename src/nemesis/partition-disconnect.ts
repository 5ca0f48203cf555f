import { connectContainer, disconnectContainer } from "../docker/networks.js";
import type { Nemesis } from "./nemesis.js";

/** Isolates a node by taking its container off the run's network; recovery connects it again under its name. */
export const disconnectPartitionNemesis: Nemesis = {
  async invoke(cluster, plan) {
    await Promise.all(plan.targets.map((node) => disconnectContainer(cluster.network, cluster.node(node).containerName)));
  },
  async recover(cluster, plan) {
    await Promise.all(
      plan.targets.map((node) => connectContainer(cluster.network, cluster.node(node).containerName, [cluster.node(node).host])),
    );
  },
};
