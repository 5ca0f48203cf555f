import { PassThrough, type Duplex } from "node:stream";
import { finished } from "node:stream/promises";
import { docker, native, type ContainerHandle } from "./client.js";
import { statusOf } from "./gone.js";
import { errorMessage } from "../errors.js";

/** An exec starts in milliseconds; one the engine leaves unanswered must not hold up a fault or a probe for ever. */
export const EXEC_START_DEADLINE_MS = 30_000;

export type ExecResult =
  | { kind: "exited"; exitCode: number; stdout: string; stderr: string }
  | { kind: "timeout"; stdout: string; stderr: string }
  /** The container is not running (stopped, restarting, paused or removed): no exec is possible. */
  | { kind: "not-running"; reason: string };

/**
 * Starts a command in a running container with its output (and, if asked,
 * its stdin) attached. A container that cannot run an exec (stopped,
 * restarting, paused, removed) is a result, not an error.
 */
export async function startExec(
  container: ContainerHandle,
  cmd: string[],
  options: { stdin: boolean; env?: string[] | undefined },
): Promise<{ kind: "started"; stream: Duplex; exitCode(): Promise<number> } | { kind: "not-running"; reason: string }> {
  // aborted on a deadline or a refusal, never once started: the started stream is the caller's
  const start = new AbortController();
  const deadline = setTimeout(() => start.abort(), EXEC_START_DEADLINE_MS);
  try {
    // as root whatever the image's user: network faults need it, and probes must read the cookie file
    const exec = await native(container).exec({ Cmd: cmd, Env: options.env, User: "0", AttachStdin: options.stdin, AttachStdout: true, AttachStderr: true, abortSignal: start.signal });
    const stream = (await exec.start({ hijack: true, stdin: options.stdin, abortSignal: start.signal })) as Duplex;
    return { kind: "started", stream, exitCode: async () => (await exec.inspect()).ExitCode ?? -1 };
  } catch (error) {
    if (start.signal.aborted) return { kind: "not-running", reason: `the engine did not start the exec within ${EXEC_START_DEADLINE_MS / 1000} s` };
    // a start refused after the exec was created (the container restarting, or gone) leaves its hijacked request open, and its socket would keep the process alive
    start.abort();
    const status = statusOf(error);
    if (status === 404 || status === 409) return { kind: "not-running", reason: messageOf(error) };
    throw error;
  } finally {
    clearTimeout(deadline);
  }
}

/**
 * Runs a command in a running container through the Docker API and collects
 * its output. A non-zero exit is data, not an exception; a timeout is a result
 * too (the stream is closed, the caller decides what it means).
 */
export async function execInContainer(
  container: ContainerHandle,
  cmd: string[],
  options: { timeoutMs: number; env?: string[] | undefined },
): Promise<ExecResult> {
  const started = await startExec(container, cmd, { stdin: false, env: options.env });
  if (started.kind === "not-running") return started;
  const { stream } = started;
  const stdout = collect();
  const stderr = collect();
  demux(stream, stdout.sink, stderr.sink);

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<true>((resolve) => {
    timer = setTimeout(() => resolve(true), options.timeoutMs);
  });
  try {
    const outcome = await Promise.race([finished(stream).then(() => false as const), timedOut]);
    if (outcome) {
      stream.destroy();
      return { kind: "timeout", stdout: stdout.text(), stderr: stderr.text() };
    }
  } finally {
    clearTimeout(timer);
  }

  return { kind: "exited", exitCode: await started.exitCode(), stdout: stdout.text(), stderr: stderr.text() };
}

function collect() {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  return { sink, text: () => Buffer.concat(chunks).toString("utf8") };
}

/** The engine's message, with container IDs cut to the 12 characters `docker ps` shows: it ends up in verdict details. */
function messageOf(error: unknown): string {
  const json = (error as { json?: { message?: string } }).json;
  const message = json?.message ?? errorMessage(error);
  return message.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, "$1");
}

/** Splits an exec's multiplexed output into its stdout and stderr. */
export function demux(stream: Duplex, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void {
  docker().modem.demuxStream(stream, stdout, stderr);
}
