/** Agents log events in whole milliseconds: an event logged at t happened in [t, t + 1). */
export const EVENT_RESOLUTION_MS = 1;

/** Whether an event logged at atMs may have happened at or after a moment (a fault's start): one logged in that very millisecond counts. */
export function loggedSince(atMs: number, sinceMs: number): boolean {
  return atMs > sinceMs - EVENT_RESOLUTION_MS;
}
