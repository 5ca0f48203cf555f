/**
 * One timeline for a run: performance.now() (monotonic, ms). Times that come
 * from elsewhere in wall-clock ms (the agents' nodedown events, a container's
 * start time; containers share the host's clock) are moved onto it here.
 */
export function monotonicFromWall(wallMs: number): number {
  return wallMs - (Date.now() - performance.now());
}

export function wallFromMonotonic(monotonicMs: number): number {
  return monotonicMs + (Date.now() - performance.now());
}
