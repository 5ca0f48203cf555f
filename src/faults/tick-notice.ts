import type { ClusterFacts, SpecProblem } from "./fault-kind.js";

/** Peers notice a silent node only through the tick, after 0.75-1.25 x net_ticktime. */
const NOTICED_WITHIN_TICKS = 1.25;

/** How long a silent node may stay silent before its peers are sure to notice (ms). */
export function noticeWindowMs(netTicktimeS: number): number {
  return NOTICED_WITHIN_TICKS * netTicktimeS * 1000;
}

/**
 * A pause lifted before the tick can reveal it is never seen, so it could
 * only end as "not applied": such a duration is refused. An unset duration is
 * filled in later with 3 ticks, which is long enough.
 */
export function tooShortToNotice(what: string, durationMs: number | undefined, cluster: ClusterFacts): SpecProblem[] {
  const minimumMs = noticeWindowMs(cluster.netTicktime);
  if (durationMs === undefined || durationMs >= minimumMs) return [];
  const message = `${what} must last at least ${minimumMs / 1000} s (${NOTICED_WITHIN_TICKS} x net_ticktime ${cluster.netTicktime} s) to be noticed (got ${durationMs / 1000} s)`;
  return [{ field: "duration", message }];
}
