import type { StartedCluster } from "../cluster/started-cluster.js";
import type { Nemesis } from "./nemesis.js";
import { netAdminShell } from "./net-admin-shell.js";

/* Rules live in their own chain, so lifting the partition is one flush and touches nothing else. */
const SETUP = [
  "iptables -w -N MESHPROOF 2>/dev/null || true",
  "iptables -w -C INPUT -j MESHPROOF 2>/dev/null || iptables -w -I INPUT -j MESHPROOF",
  "iptables -w -C OUTPUT -j MESHPROOF 2>/dev/null || iptables -w -I OUTPUT -j MESHPROOF",
];

/**
 * A partition of any shape: in each node's network namespace, DROP traffic
 * from and to the nodes it must not reach. Connections go silent (no reset),
 * so the nodes notice only through the tick, as in a real netsplit.
 */
export const iptablesPartitionNemesis: Nemesis = {
  async invoke(cluster, plan) {
    const view = plan.view ?? {};
    const addresses = await cluster.addresses();
    await Promise.all(
      Object.entries(view).map(async ([node, reachable]) => {
        const blocked = cluster.nodeNames.filter((peer) => peer !== node && !reachable.includes(peer)).map((peer) => addresses[peer]!);
        if (blocked.length === 0) return undefined;
        const rules = blocked.flatMap((ip) => [`iptables -w -A MESHPROOF -s ${ip} -j DROP`, `iptables -w -A MESHPROOF -d ${ip} -j DROP`]);
        return netAdminShell(await cluster.container(node), node, [...SETUP, ...rules].join(" && "));
      }),
    );
  },
  async recover(cluster) {
    await healIptables(cluster);
  },
};

/** Flushes meshproof's chain on every node (a no-op where there is none). */
export async function healIptables(cluster: StartedCluster): Promise<void> {
  await Promise.all(cluster.nodeNames.map(async (node) => netAdminShell(await cluster.container(node), node, "iptables -w -F MESHPROOF 2>/dev/null || true")));
}
