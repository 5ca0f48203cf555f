import type { Nemesis } from "./nemesis.js";

/** docker kill (SIGKILL) of every target at once; the engine counts it as a manual stop, so the harness starts them again. */
export const killNemesis: Nemesis = {
  async invoke(cluster, plan) {
    await Promise.all(plan.targets.map((node) => cluster.kill(node)));
  },
  async recover(cluster, plan) {
    await Promise.all(plan.targets.map((node) => cluster.restart(node)));
  },
};
