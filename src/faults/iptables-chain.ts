import type { Cluster } from "../cluster/cluster.js";
import type { Lift, Nemesis } from "./fault-kind.js";
import type { PlanBase } from "./fault-plan.js";
import { netAdminShell } from "./net-admin-shell.js";

/* Rules live in their own chain, so lifting a fault is one flush and touches nothing else. */
const SETUP = [
  "iptables -w -N MESHPROOF 2>/dev/null || true",
  "iptables -w -C INPUT -j MESHPROOF 2>/dev/null || iptables -w -I INPUT -j MESHPROOF",
  "iptables -w -C OUTPUT -j MESHPROOF 2>/dev/null || iptables -w -I OUTPUT -j MESHPROOF",
];

/** Each node's rules (iptables' own words after `-A CHAIN`), from every node's address; a node without rules is left alone. */
export type RulesOf<P extends PlanBase> = (plan: P, node: string, addresses: Readonly<Record<string, string>>) => string[];

/**
 * A fault made of iptables rules in the nodes' own network namespaces (a
 * partition, loss, a blocked resolver). Lifting it flushes meshproof's chain;
 * its evidence is each node's rules in that chain.
 */
export function iptablesNemesis<P extends PlanBase>(rulesOf: RulesOf<P>): Nemesis<P> {
  const planned = async (cluster: Cluster, plan: P) => {
    const addresses = await cluster.addresses();
    return cluster.nodeNames.map((node) => ({ node, rules: rulesOf(plan, node, addresses) })).filter(({ rules }) => rules.length > 0);
  };
  return {
    async invoke(cluster, plan) {
      await Promise.all((await planned(cluster, plan)).map(({ node, rules }) => addIptablesRules(cluster, node, rules)));
    },
    recover: (cluster) => flushChains(cluster),
    async inPlace(cluster, plan) {
      const missing = await Promise.all(
        (await planned(cluster, plan)).map(async ({ node, rules }) => {
          const listed = (await netAdminShell(cluster, node, "iptables -w -S MESHPROOF 2>/dev/null || true")).split("\n").filter((line) => line.startsWith("-A MESHPROOF"));
          return listed.length < rules.length ? [`${node} has ${listed.length} of its ${rules.length} iptables rules in place`] : [];
        }),
      );
      return missing.flat();
    },
  };
}

/** Appends rules to meshproof's chain in a node's network namespace (creating the chain first). */
export async function addIptablesRules(cluster: Cluster, node: string, rules: readonly string[]): Promise<void> {
  await netAdminShell(cluster, node, [...SETUP, ...rules.map((rule) => `iptables -w -A MESHPROOF ${rule}`)].join(" && "));
}

/** Flushes meshproof's chain on every node (a no-op where there is none). */
async function flushChains(cluster: Cluster): Promise<void> {
  await Promise.all(cluster.nodeNames.map((node) => netAdminShell(cluster, node, "iptables -w -F MESHPROOF 2>/dev/null || true")));
}

/** Drops every rule meshproof's faults put in the nodes' network namespaces. */
export const flushIptables: Lift = { stage: "inside", lift: (cluster) => flushChains(cluster) };
