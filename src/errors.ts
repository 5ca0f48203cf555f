/**
 * The two kinds of error the CLI tells apart. Both exit 2; a failed check is
 * not an error but a verdict (exit 1).
 */

/** Bad input from the user: an option, a scenario field, a missing prerequisite. Nothing was started. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The harness could not do its job (engine gone, build failed, timeout of a harness step). */
export class HarnessError extends Error {
  override name = "HarnessError";
}

/** Log lines per node in the message; `logs` keeps more, for whoever digs (the OTP matrix). */
const MESSAGE_LOG_LINES = 10;

/** A started cluster never reached full mesh and pg convergence: which of the two failed, why, and each node's last log lines. */
type NotReadyCheck = { name: string; verdict: "pass" | "fail" | "unknown"; detail: string };

export class ClusterNotReady extends HarnessError {
  override name = "ClusterNotReady";
  constructor(
    /** The readiness checks by layer (the mesh, and each layer present), as the last look judged them. */
    readonly checks: Readonly<{ mesh: NotReadyCheck } & { [layer: string]: NotReadyCheck | undefined }>,
    readonly logs: Readonly<Record<string, string>>,
  ) {
    const problems = Object.values(checks).flatMap((c) => (c && c.verdict !== "pass" ? [c.detail] : []));
    const tails = Object.entries(logs).map(([node, tail]) => `--- ${node} ---\n${tail.trimEnd().split("\n").slice(-MESSAGE_LOG_LINES).join("\n")}`);
    super(`the cluster did not become ready within its deadline (--ready-deadline):\n${problems.join("\n")}\nlast log lines:\n${tails.join("\n")}`);
  }
}

/** The message of whatever was thrown: an Error's message, or the thrown value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
