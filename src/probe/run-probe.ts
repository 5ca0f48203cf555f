import type { ContainerHandle } from "../docker/client.js";
import { execInContainer } from "../docker/exec.js";
import { outcomeOf, type ProbeOutcome } from "./probe-outcome.js";
import { parseAnswerLines, ProbeProtocolError, type ProbeAnswer } from "./protocol.js";
import { requestArgument, type ProbeRequest } from "./ops.js";

/** Where the node image (and attach mode) puts the probe escript. */
export const PROBE_PATH = "/opt/meshproof/bin/probe";

/**
 * How to start the probe in a node's container: extra environment, escript's
 * path when it is not on the PATH, the probe's own path when it is not
 * PROBE_PATH, and secrets (a cookie meshproof was given) that no reason or
 * error it reports may show.
 */
export interface ProbeLaunch {
  env?: string[] | undefined;
  escript?: string | undefined;
  path?: string | undefined;
  secrets?: readonly string[] | undefined;
}

/** The probe's command line: the escript runs by its shebang (escript on the PATH), or by the escript binary given. */
export function probeCommand(launch: ProbeLaunch, args: string[]): string[] {
  return [...(launch.escript ? [launch.escript] : []), launch.path ?? PROBE_PATH, ...args];
}

/** The escript needs a VM boot on top of its own deadline. */
const EXEC_MARGIN_MS = 5_000;

/** Runs one one-shot probe (several requests, one VM) in a node's own container: the fallback to sessions. */
export async function runProbe(
  container: ContainerHandle,
  requests: ProbeRequest[],
  options: { timeoutMs: number; launch?: ProbeLaunch },
): Promise<ProbeOutcome> {
  const launch = options.launch ?? {};
  const cmd = probeCommand(launch, ["--timeout", String(options.timeoutMs), ...requests.map(requestArgument)]);
  const result = await execInContainer(container, cmd, { timeoutMs: options.timeoutMs + EXEC_MARGIN_MS, env: launch.env });
  if (result.kind === "not-running") return { status: "unreachable", reason: result.reason, answers: [] };
  if (result.kind === "timeout") return { status: "timeout", reason: `no answer within ${options.timeoutMs} ms`, answers: [] };

  let answers: ProbeAnswer[];
  try {
    answers = parseAnswerLines(result.stdout);
  } catch (error) {
    if (!(error instanceof ProbeProtocolError)) throw error;
    return { status: "crashed", reason: `${error.message}; stderr: ${tail(result.stderr)}`, answers: [] };
  }
  if (result.exitCode === 2 && answers.some((a) => !a.ok && a.error === "timeout")) {
    return { status: "timeout", reason: `no answer within ${options.timeoutMs} ms`, answers };
  }
  const outcome = outcomeOf(answers);
  if (result.exitCode !== 0 && outcome.status === "ok") {
    return { status: "crashed", reason: `probe exited ${result.exitCode}: ${tail(result.stderr)}`, answers };
  }
  return outcome;
}

function tail(text: string): string {
  return text.trim().split("\n").slice(-5).join(" | ") || "(no stderr)";
}
