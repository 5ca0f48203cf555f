import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { HistoryEvent } from "./events.js";

/**
 * The run's history, one JSON line per event, written (synchronously) as it
 * happens: a run that is killed still leaves everything up to that moment.
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

  record(event: HistoryEvent): void {
    if (this.fd === undefined) return;
    const timeMs = Math.round((performance.now() - this.startMs) * 1000) / 1000;
    writeSync(this.fd, `${JSON.stringify({ timeMs, wall: new Date().toISOString(), ...event })}\n`);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
  }
}
