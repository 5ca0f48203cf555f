import { setTimeout as sleep } from "node:timers/promises";
/** What a poll reads of a check (a CheckResult is one): whether it passed, and why not. */
export interface Judgement {
  readonly verdict: string;
  readonly detail: string;
}

/** Checks by what they check: a poll's judgement, read by key (health.mesh) rather than by display name. */
export type Judged<J extends Judgement = Judgement> = { readonly [key: string]: J };

/** A look holds only when every check passed. */
export function allPass(checks: Judged): boolean {
  return Object.values<Judgement>(checks).every((c) => c.verdict === "pass");
}

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
  /** For each check passing at the last look: when its unbroken run of passing looks began (a layer's own heal time). */
  passingSinceMs: Partial<Record<keyof C, number>>;
}

/**
 * Pause between observations: short, since a probe session answers in
 * milliseconds, but never shorter than the last observation took, so that a
 * big cluster is not probed more than half the time.
 */
export const MIN_POLL_INTERVAL_MS = 20;

/**
 * Says in each failing check what did not happen within the deadline, e.g.
 * "not healed by itself within 30 s", and what the deadline is made of when
 * it is more than one wait ("within 16.6 s (15 s and 1.6 s of ...)").
 */
export function explainDeadline<J extends Judgement>(checks: Judged<J>, phrase: string, deadlineMs: number, madeOf?: string): J[] {
  const seconds = Number((deadlineMs / 1000).toFixed(1));
  const within = madeOf ? `${seconds} s (${madeOf})` : `${seconds} s`;
  return Object.values<J>(checks).map((c) => (c.verdict === "pass" ? c : { ...c, detail: `${phrase} within ${within}: ${c.detail}` }));
}

/** How long a heal must hold unless told otherwise: a second of looks that all pass. */
export const DEFAULT_STABLE_MS = 1_000;

/** A judgement holds only after this many looks in a row passed (with stableForMs): one look that happened to pass proves nothing. */
export const MIN_STABLE_SWEEPS = 2;

export interface PollOptions {
  deadlineMs: number;
  intervalMs?: number;
  /**
   * Pass only once every check passed on consecutive looks spanning at least
   * this long (and at least MIN_STABLE_SWEEPS looks); 0: the first passing
   * look. The result's atMs is then the start of that stretch.
   */
  stableForMs?: number;
  signal?: AbortSignal | undefined;
}

/**
 * Observes and judges until every check passes (and held, see stableForMs)
 * or the deadline is reached: every wait has a deadline, and running out of
 * it is a verdict with the last reasons (see explainDeadline), not a hang and
 * not an exception. A stretch that began before the deadline may finish
 * after it: the wait is at most the deadline plus the stable window.
 */
export async function pollUntil<T, C extends Judged>(observe: () => Promise<T>, judge: (value: T) => C, options: PollOptions): Promise<PollResult<T, C>> {
  const stableForMs = options.stableForMs ?? 0;
  let previousAtMs = performance.now();
  const endMs = previousAtMs + options.deadlineMs;
  // the first passing look of the current stretch, and the look before it
  let stretch: { atMs: number; previousAtMs: number; looks: number } | undefined;
  let passingSinceMs: Partial<Record<keyof C, number>> = {};
  for (;;) {
    options.signal?.throwIfAborted();
    const roundStartMs = performance.now();
    const value = await observe();
    options.signal?.throwIfAborted(); // an abort during a look wins over what the look saw
    const atMs = performance.now();
    const checks = judge(value);
    passingSinceMs = passingSince(checks, passingSinceMs, atMs);
    if (allPass(checks)) {
      stretch = stretch ? { ...stretch, looks: stretch.looks + 1 } : { atMs, previousAtMs, looks: 1 };
      const held = stableForMs === 0 || (stretch.looks >= MIN_STABLE_SWEEPS && atMs - stretch.atMs >= stableForMs);
      if (held) return { passed: true, value, checks, atMs: stretch.atMs, previousAtMs: stretch.previousAtMs, passingSinceMs };
    } else {
      stretch = undefined;
      if (atMs >= endMs) return { passed: false, value, checks, atMs, previousAtMs, passingSinceMs };
    }
    previousAtMs = atMs;
    await sleep(options.intervalMs ?? Math.max(MIN_POLL_INTERVAL_MS, atMs - roundStartMs), undefined, { signal: options.signal });
  }
}

/** Carries each passing check's start forward; a check that fails (or is not judged) starts again. */
function passingSince<C extends Judged>(checks: C, before: Partial<Record<keyof C, number>>, atMs: number): Partial<Record<keyof C, number>> {
  const since: Partial<Record<keyof C, number>> = {};
  for (const key of Object.keys(checks) as (keyof C)[]) if (checks[key]!.verdict === "pass") since[key] = before[key] ?? atMs;
  return since;
}
