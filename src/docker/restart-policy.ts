import type { ContainerEvent } from "./container-events.js";

/** A start the harness asked for: Date.now() before and after its call, within which the engine logs the start. */
export interface StartCall {
  fromMs: number;
  toMs: number;
}

/**
 * Date.now() counts whole milliseconds, the engine stamps its events to the
 * nanosecond, and it logs a start just before it answers: often within the
 * call's last millisecond, after the toMs that Date.now() rounded down.
 */
const DATE_NOW_RESOLUTION_MS = 1;

/*
 * Docker's restart manager (moby's restartmanager): before each restart it
 * waits a back-off that starts at 100 ms and doubles with every exit, up to a
 * minute, and falls back to 100 ms when the container had run 10 s. A start
 * through the API makes a new manager: no back-off, and RestartCount 0.
 */
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 60_000;
const RESET_AFTER_RUN_MS = 10_000;

/** The starts among a container's events that the engine made by itself (its restart policy), not at the harness's call. */
export function engineStarts(events: readonly ContainerEvent[], calls: readonly StartCall[]): ContainerEvent[] {
  return events.filter((e) => e.action === "start" && !calls.some((call) => e.atMs >= call.fromMs && e.atMs < call.toMs + DATE_NOW_RESOLUTION_MS));
}

/**
 * How long the engine would wait before restarting the container if it died
 * at nowMs, replaying its starts and exits through the restart manager's
 * rule. A container whose last start is not among the events is taken to
 * have run long (the rule's reset).
 */
export function nextBackoffMs(events: readonly ContainerEvent[], calls: readonly StartCall[], nowMs: number): number {
  const byEngine = new Set(engineStarts(events, calls));
  let backoffMs = 0;
  let startedAtMs = -Infinity;
  for (const event of [...events].sort((a, b) => a.atMs - b.atMs)) {
    if (event.action === "die") {
      backoffMs = afterExit(backoffMs, event.atMs - startedAtMs);
      continue;
    }
    if (!byEngine.has(event)) backoffMs = 0;
    startedAtMs = event.atMs;
  }
  return afterExit(backoffMs, nowMs - startedAtMs);
}

function afterExit(backoffMs: number, ranMs: number): number {
  const from = ranMs >= RESET_AFTER_RUN_MS ? 0 : backoffMs;
  return from === 0 ? FIRST_BACKOFF_MS : Math.min(2 * from, MAX_BACKOFF_MS);
}
