import { setTimeout as sleep } from "node:timers/promises";
import { worstVerdict, type CheckResult } from "./checks/verdict.js";

/** Checks by what they check: a poll's judgement, read by key (health.mesh) rather than by display name. */
export type Judged = { readonly [key: string]: CheckResult };

export interface PollResult<T, C extends Judged = Judged> {
  passed: boolean;
  /** The last observation, the one the checks judged. */
  value: T;
  checks: C;
  /** performance.now() when the last observation arrived. */
  atMs: number;
  /**
   * When the observation before it arrived (or the poll began): the state
   * changed somewhere between the two, so atMs - previousAtMs is the
   * resolution of a time measured with this poll.
   */
  previousAtMs: number;
}

/**
 * Pause between observations: short, since a probe session answers in
 * milliseconds, but never shorter than the last observation took, so that a
 * big cluster is not probed more than half the time.
 */
const MIN_POLL_INTERVAL_MS = 20;

/**
 * Says in each failing check what did not happen within the deadline, e.g.
 * "not healed by itself within 30 s", and what the deadline is made of when
 * it is more than one wait ("within 16.6 s (15 s and 1.6 s of ...)").
 */
export function explainDeadline(checks: Judged, phrase: string, deadlineMs: number, madeOf?: string): CheckResult[] {
  const seconds = Number((deadlineMs / 1000).toFixed(1));
  const within = madeOf ? `${seconds} s (${madeOf})` : `${seconds} s`;
  return Object.values<CheckResult>(checks).map((c) => (c.verdict === "pass" ? c : { ...c, detail: `${phrase} within ${within}: ${c.detail}` }));
}

/**
 * Observes and judges until every check passes or the deadline is reached:
 * every wait has a deadline, and running out of it is a verdict with the
 * last reasons (see explainDeadline), not a hang and not an exception.
 */
export async function pollUntil<T, C extends Judged>(
  observe: () => Promise<T>,
  judge: (value: T) => C,
  options: { deadlineMs: number; intervalMs?: number; signal?: AbortSignal | undefined },
): Promise<PollResult<T, C>> {
  let previousAtMs = performance.now();
  const endMs = previousAtMs + options.deadlineMs;
  for (;;) {
    options.signal?.throwIfAborted();
    const roundStartMs = performance.now();
    const value = await observe();
    options.signal?.throwIfAborted(); // an abort during a look wins over what the look saw
    const atMs = performance.now();
    const checks = judge(value);
    if (worstVerdict(Object.values<CheckResult>(checks).map((c) => c.verdict)) === "pass") return { passed: true, value, checks, atMs, previousAtMs };
    if (atMs >= endMs) return { passed: false, value, checks, atMs, previousAtMs };
    previousAtMs = atMs;
    await sleep(options.intervalMs ?? Math.max(MIN_POLL_INTERVAL_MS, atMs - roundStartMs), undefined, { signal: options.signal });
  }
}
