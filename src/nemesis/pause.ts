import { pauseContainer, unpauseContainer } from "../docker/containers.js";
import type { Nemesis } from "./nemesis.js";

/** docker pause: the node freezes with its connections open, so peers notice only through the tick. */
export const pauseNemesis: Nemesis = {
  async invoke(cluster, plan) {
    await Promise.all(plan.targets.map(async (node) => pauseContainer(await cluster.container(node))));
  },
  async recover(cluster, plan) {
    await Promise.all(plan.targets.map(async (node) => unpauseContainer(await cluster.container(node))));
  },
};
