import type { Container } from "../docker/client.js";
import { execInContainer } from "../docker/exec.js";
import { HarnessError } from "../errors.js";

/**
 * Runs a shell script inside a node's container, which meshproof starts with
 * NET_ADMIN: how the network faults change the node's own network namespace
 * (iptables, tc). A failure is an error with the script's stderr.
 */
export async function netAdminShell(container: Container, node: string, script: string): Promise<string> {
  const result = await execInContainer(container, ["sh", "-c", script], { timeoutMs: 15_000 });
  if (result.kind === "exited" && result.exitCode === 0) return result.stdout;
  const why = result.kind === "exited" ? `exit ${result.exitCode}: ${result.stderr.trim()}` : result.kind === "timeout" ? "timed out" : result.reason;
  throw new HarnessError(`on ${node}: \`${script}\` failed (${why})`);
}
