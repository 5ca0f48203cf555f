import type { StartedCluster } from "../cluster/started-cluster.js";
import { LABEL_RUN } from "../cluster/labels.js";
import { runOnce } from "../docker/run-once.js";
import { UsageError } from "../errors.js";
import type { Nemesis } from "./nemesis.js";
import { netAdminShell } from "./net-admin-shell.js";

/** Delay or loss on a node's interface with the kernel's netem qdisc. */
export const netemNemesis: Nemesis = {
  async invoke(cluster, plan) {
    const shaping = plan.kind === "delay" ? `delay ${plan.delayMs}ms` : `loss ${plan.lossPercent}%`;
    await Promise.all(plan.targets.map(async (node) => netAdminShell(await cluster.container(node), node, `tc qdisc replace dev eth0 root netem ${shaping}`)));
  },
  async recover(cluster, plan) {
    await Promise.all(plan.targets.map(async (node) => netAdminShell(await cluster.container(node), node, "tc qdisc del dev eth0 root 2>/dev/null || true")));
  },
};

/** Whether netem shaping is in place on a node (the evidence that a delay/loss fault was applied). */
export async function isShaped(cluster: StartedCluster, node: string): Promise<boolean> {
  return (await netAdminShell(await cluster.container(node), node, "tc qdisc show dev eth0")).includes("netem");
}

/**
 * Refuses delay/loss faults where the kernel has no netem (as on the machines
 * meshproof is developed on), before any cluster starts: better a clear
 * "cannot" than a fault that silently does nothing.
 */
export async function requireNetem(image: string): Promise<void> {
  const { exitCode, output } = await runOnce({
    image,
    cmd: ["sh", "-c", "tc qdisc add dev lo root netem delay 1ms && tc qdisc del dev lo root"],
    networkMode: "none",
    capAdd: ["NET_ADMIN"],
    labels: { [LABEL_RUN]: "netem-check" },
  });
  if (exitCode !== 0) {
    throw new UsageError(
      `delay and loss faults need the kernel's netem queueing discipline (sch_netem), which this engine's kernel does not offer (tc said: ${output.trim()})`,
    );
  }
}
