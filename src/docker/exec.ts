import { PassThrough } from "node:stream";
import { finished } from "node:stream/promises";
import { docker, type Container } from "./client.js";
import { statusOf } from "./gone.js";

export type ExecResult =
  | { kind: "exited"; exitCode: number; stdout: string; stderr: string }
  | { kind: "timeout"; stdout: string; stderr: string }
  /** The container is not running (stopped, restarting, paused or removed): no exec is possible. */
  | { kind: "not-running"; reason: string };

/**
 * Runs a command in a running container through the Docker API and collects
 * its output. A non-zero exit is data, not an exception; a timeout is a result
 * too (the stream is closed, the caller decides what it means).
 */
export async function execInContainer(
  container: Container,
  cmd: string[],
  options: { timeoutMs: number },
): Promise<ExecResult> {
  let exec, stream;
  try {
    exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true});
    stream = await exec.start({ hijack: true, stdin: false });
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 409) return { kind: "not-running", reason: messageOf(error) };
    throw error;
  }
  const stdout = collect();
  const stderr = collect();
  docker().modem.demuxStream(stream, stdout.sink, stderr.sink);

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

  const { ExitCode } = await exec.inspect();
  return { kind: "exited", exitCode: ExitCode ?? -1, stdout: stdout.text(), stderr: stderr.text() };
}

function collect() {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  return { sink, text: () => Buffer.concat(chunks).toString("utf8") };
}

function messageOf(error: unknown): string {
  const json = (error as { json?: { message?: string } }).json;
  return json?.message ?? (error instanceof Error ? error.message : String(error));
}
