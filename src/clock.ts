/**
 * One timeline for a run: performance.now() (monotonic, ms). Times that come
 * from elsewhere in wall-clock ms (the agents' nodedown events, a container's
 * start time, the engine's events; containers share the host's clock) are
 * moved onto it here, by one fixed offset, so that the same wall time always
 * lands on the same point of the timeline, however often it is read.
 *
 * The offset is taken when a run starts (startTimeline), not once per
 * process: the wall clock can step against the monotonic one while a process
 * lives (a VM paused and its clock set again when it resumes), and a process
 * that runs many runs (shrink's candidates, a matrix's cells) would then read
 * every later run's events seconds off its own faults.
 */
let wallAtZeroMs = performance.timeOrigin;

/**
 * How far Date.now() (whole ms, read a moment apart from performance.now())
 * strays from the process's precise time origin while the clock has not
 * stepped: under 2 ms measured here. Beyond it the clock stepped.
 */
const CLOCK_STEP_MS = 50;

/** Anchors the timeline to the wall clock as it reads now (the process's origin while the clock has not stepped): each run calls it before its cluster starts. */
export function startTimeline(): void {
  const wallAtZeroNowMs = Date.now() - performance.now();
  wallAtZeroMs = Math.abs(wallAtZeroNowMs - performance.timeOrigin) > CLOCK_STEP_MS ? wallAtZeroNowMs : performance.timeOrigin;
}

export function monotonicFromWall(wallMs: number): number {
  return wallMs - wallAtZeroMs;
}

export function wallFromMonotonic(monotonicMs: number): number {
  return monotonicMs + wallAtZeroMs;
}

/** A time a person can find in a node's own log: wall clock, time of day, to the millisecond. */
export function timeOfDay(monotonicMs: number): string {
  return new Date(wallFromMonotonic(monotonicMs)).toISOString().slice(11, 23);
}
