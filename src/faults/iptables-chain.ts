import type { Cluster } from "../cluster/cluster.js";
import { netAdminShell } from "./net-admin-shell.js";

/* Rules live in their own chain, so lifting a partition is one flush and touches nothing else. */
const SETUP = [
  "iptables -w -N MESHPROOF 2>/dev/null || true",
  "iptables -w -C INPUT -j MESHPROOF 2>/dev/null || iptables -w -I INPUT -j MESHPROOF",
  "iptables -w -C OUTPUT -j MESHPROOF 2>/dev/null || iptables -w -I OUTPUT -j MESHPROOF",
];

/** Appends rules to meshproof's chain in a node's network namespace (creating the chain first). */
export async function addIptablesRules(cluster: Cluster, node: string, rules: readonly string[]): Promise<void> {
  await netAdminShell(cluster, node, [...SETUP, ...rules.map((rule) => `iptables -w -A MESHPROOF ${rule}`)].join(" && "));
}

/** Flushes meshproof's chain on every node (a no-op where there is none). */
export async function healIptables(cluster: Cluster): Promise<void> {
  await Promise.all(cluster.nodeNames.map((node) => netAdminShell(cluster, node, "iptables -w -F MESHPROOF 2>/dev/null || true")));
}
