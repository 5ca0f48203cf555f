import { docker } from "./client.js";
import { HarnessError } from "../errors.js";

interface ProgressEvent {
  stream?: string;
  status?: string;
  progress?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/**
 * Reads a build or import stream to its end and fails on the first event that
 * carries an error: the engine reports build failures inside the stream with
 * HTTP 200, so waiting for the end is not enough. The error keeps the last
 * lines of the log, which is what a person needs to see.
 */
export async function followProgress(
  stream: NodeJS.ReadableStream,
  what: string,
  onLine: (line: string) => void = () => {},
): Promise<void> {
  const tail: string[] = [];
  const events = await new Promise<ProgressEvent[]>((resolve, reject) => {
    docker().modem.followProgress(
      stream,
      (error: Error | null, output: ProgressEvent[]) => (error ? reject(error) : resolve(output)),
      (event: ProgressEvent) => {
        const text = (event.stream ?? event.status ?? "").trimEnd();
        if (text) {
          tail.push(text);
          if (tail.length > 30) tail.shift();
          onLine(text);
        }
      },
    );
  });
  const failure = events.find((event) => event.error || event.errorDetail);
  if (failure) {
    const message = failure.errorDetail?.message ?? failure.error ?? "unknown error";
    throw new HarnessError(`${what} failed: ${message}\n--- last log lines ---\n${tail.join("\n")}`);
  }
}
