import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/** Jepsen's operation types: a call, and how it ended (info: unknown or just a fact worth keeping). */
export type OpType = "invoke" | "ok" | "fail" | "info";

export interface Op {
  /** Milliseconds on the run's monotonic timeline, since the history was opened. */
  timeMs: number;
  wall: string;
  /** Who acted: "nemesis", "checker", "harness", or the node a probe answered for. */
  process: string;
  type: OpType;
  f: string;
  value?: unknown;
}

/**
 * The run's history, one JSON line per operation, written (synchronously) as
 * it happens: a run that is killed still leaves everything up to that moment.
 * Without a path it only keeps the start time.
 */
export class History {
  readonly startMs = performance.now();
  private readonly fd: number | undefined;

  constructor(readonly path?: string) {
    if (path) {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(path, "a");
    }
  }

  record(process: string, type: OpType, f: string, value?: unknown): void {
    if (this.fd === undefined) return;
    const op: Op = { timeMs: Math.round((performance.now() - this.startMs) * 1000) / 1000, wall: new Date().toISOString(), process, type, f, value };
    writeSync(this.fd, `${JSON.stringify(op)}\n`);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
  }
}
