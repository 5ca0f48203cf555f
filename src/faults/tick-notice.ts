import type { ClusterFacts, SpecProblem } from "./fault-kind.js";

/** Peers notice a silent node only through the tick, after 0.75-1.25 x net_ticktime. */
const NOTICED_WITHIN_TICKS = 1.25;

/**
 * A pause or partition lifted before the tick can reveal it is never seen,
 * so it could only end as "not applied": such a duration is refused. An
 * unset duration is filled in later with 3 ticks, which is long enough.
 */
export function tooShortToNotice(what: string, durationMs: number | undefined, cluster: ClusterFacts): SpecProblem[] {
  const minimumS = NOTICED_WITHIN_TICKS * cluster.netTicktime;
  if (durationMs === undefined || durationMs >= minimumS * 1000) return [];
  const message = `${what} must last at least ${minimumS} s (${NOTICED_WITHIN_TICKS} x net_ticktime ${cluster.netTicktime} s) to be noticed (got ${durationMs / 1000} s)`;
  return [{ field: "duration", message }];
}
