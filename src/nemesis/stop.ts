import { stopContainer } from "../docker/containers.js";
import type { Nemesis } from "./nemesis.js";

/** Graceful stop (SIGTERM, then SIGKILL after the grace period), then start. */
export const stopNemesis: Nemesis = {
  async invoke(cluster, plan) {
    const grace = Math.ceil((plan.graceMs ?? 5_000) / 1000);
    await Promise.all(plan.targets.map(async (node) => stopContainer(await cluster.container(node), grace)));
  },
  async recover(cluster, plan) {
    await Promise.all(plan.targets.map((node) => cluster.restart(node)));
  },
};
