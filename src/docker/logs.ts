import { PassThrough } from "node:stream";
import { finished } from "node:stream/promises";
import { docker, native, type ContainerHandle } from "./client.js";
import { errorMessage } from "../errors.js";

/** The last lines a container wrote (stdout and stderr), for error messages. */
export async function logTail(container: ContainerHandle, lines: number): Promise<string> {
  try {
    const raw = (await native(container).logs({ stdout: true, stderr: true, tail: lines, follow: false })) as Buffer;
    const chunks: Buffer[] = [];
    const sink = new PassThrough().on("data", (chunk: Buffer) => chunks.push(chunk));
    const source = new PassThrough();
    docker().modem.demuxStream(source, sink, sink);
    const drained = finished(source);
    source.end(raw);
    await drained;
    return Buffer.concat(chunks).toString("utf8").trimEnd();
  } catch (error) {
    return `(no logs: ${errorMessage(error)})`;
  }
}
