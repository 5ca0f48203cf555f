/**
 * One timeline for a run: performance.now() (monotonic, ms). Times that come
 * from elsewhere in wall-clock ms (the agents' nodedown events, a container's
 * start time; containers share the host's clock) are moved onto it here, by
 * one fixed offset (the process's time origin), so that the same wall time
 * always lands on the same point of the timeline, however often it is read.
 */
export function monotonicFromWall(wallMs: number): number {
  return wallMs - performance.timeOrigin;
}

export function wallFromMonotonic(monotonicMs: number): number {
  return monotonicMs + performance.timeOrigin;
}

/** A time a person can find in a node's own log: wall clock, time of day, to the millisecond. */
export function timeOfDay(monotonicMs: number): string {
  return new Date(wallFromMonotonic(monotonicMs)).toISOString().slice(11, 23);
}
