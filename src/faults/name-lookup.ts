import type { Cluster } from "../cluster/cluster.js";

/** A peer's host to look up from a node: the host part of the first other node's name. */
export function peerHost(node: string, nodes: readonly string[]): string {
  const peer = nodes.find((other) => other !== node) ?? node;
  return peer.slice(peer.indexOf("@") + 1);
}

/**
 * Looks a host name up inside a node's container as its libc does (`getent
 * hosts`, the way the node's own native resolver goes): whether it resolved,
 * and what the lookup said.
 */
export async function lookUp(cluster: Cluster, node: string, host: string, timeoutS: number): Promise<{ resolved: boolean; said: string }> {
  const result = await cluster.exec(node, ["timeout", String(timeoutS), "getent", "hosts", host], { timeoutMs: (timeoutS + 5) * 1000 });
  if (result.kind !== "exited") return { resolved: false, said: result.kind === "timeout" ? "no answer" : result.reason };
  if (result.exitCode === 0) return { resolved: true, said: result.stdout.trim().replace(/\s+/g, " ") };
  return { resolved: false, said: result.exitCode === 124 ? `no answer within ${timeoutS} s` : `exit ${result.exitCode}` };
}
