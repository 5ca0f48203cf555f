import type { Cluster } from "../cluster/cluster.js";
import { HarnessError } from "../errors.js";

/**
 * Runs a shell script inside a node's container, which meshproof starts with
 * NET_ADMIN: how the network faults change the node's own network namespace
 * (iptables, tc). A failure is an error with the script's stderr.
 */
export async function netAdminShell(cluster: Cluster, node: string, script: string): Promise<string> {
  const result = await cluster.exec(node, ["sh", "-c", script], { timeoutMs: 15_000 });
  if (result.kind === "exited" && result.exitCode === 0) return result.stdout;
  const why = result.kind === "exited" ? `exit ${result.exitCode}: ${result.stderr.trim()}` : result.kind === "timeout" ? "timed out" : result.reason;
  throw new HarnessError(`on ${node}: \`${script}\` failed (${why})`);
}
