import { setTimeout as sleep } from "node:timers/promises";
import { allPass, MIN_POLL_INTERVAL_MS, MIN_STABLE_SWEEPS, type Judged, type Judgement, type PollOptions } from "./poll.js";

/** One kind of look, taken at its own pace, and the checks judged from it. */
export interface Lane<T, J extends Judgement = Judgement> {
  observe: () => Promise<T>;
  judge: (value: T) => Judged<J>;
  /**
   * How long a look waited for the state to settle before it read it (the
   * longest global:sync() of its nodes), given how long the look took: what
   * it judged cannot have held before the look began plus that wait.
   */
  waitedMs?: (value: T, lookMs: number) => number;
}

/** Where a passing check's unbroken run of passing looks began, and the latest moment known before it: it passed somewhere in between. */
export interface PassingSince {
  /** performance.now() when the first passing look of the run arrived. */
  sinceMs: number;
  /** When the lane's look before it arrived (or `fromMs`), or later if the passing look itself waited for the state to settle. */
  notBeforeMs: number;
  /** The run began with the lane's first look. */
  firstLook: boolean;
}

export interface LanesOptions extends PollOptions {
  /** The earliest the state can have changed (a fault's recovery), if before the poll began: where a first look's bracket starts. */
  fromMs?: number;
}

export interface LanesResult<T, J extends Judgement = Judgement> {
  passed: boolean;
  /** Every lane's checks at its last look. */
  checks: Judged<J>;
  /** Each lane's last observation, in the lanes' order. */
  values: T[];
  /** When the last lane to hold began its held stretch (on failure: the last look). */
  atMs: number;
  /** For each check passing at its lane's last look: when its run began. */
  passingSince: Record<string, PassingSince>;
}

interface LaneState<T, J extends Judgement> {
  value?: T;
  checks: Judged<J>;
  looks: number;
  atMs: number;
  previousAtMs: number;
  stretch?: { atMs: number; looks: number };
  since: Record<string, PassingSince>;
}

/**
 * pollUntil over several lanes that look concurrently, each as often as its
 * own look allows (a slow look, like global:sync(), never delays a cheap
 * one; time a look spent waiting is not work, and is not paused for again): passes once every lane held at the same time (each for stableForMs
 * and MIN_STABLE_SWEEPS looks), fails once a lane's look fails past the
 * deadline. Each check's run of passing looks is timed by its own lane.
 */
export async function pollLanes<T, J extends Judgement = Judgement>(lanes: readonly Lane<T, J>[], options: LanesOptions): Promise<LanesResult<T, J>> {
  const stableForMs = options.stableForMs ?? 0;
  const startMs = performance.now();
  const endMs = startMs + options.deadlineMs;
  const fromMs = Math.min(startMs, options.fromMs ?? startMs);
  const states: LaneState<T, J>[] = lanes.map(() => ({ checks: {}, looks: 0, atMs: fromMs, previousAtMs: fromMs, since: {} }));
  const held = (s: LaneState<T, J>) => s.stretch !== undefined && (stableForMs === 0 || (s.stretch.looks >= MIN_STABLE_SWEEPS && s.atMs - s.stretch.atMs >= stableForMs));
  const decided = new AbortController();
  let passed = false;

  const run = async (lane: Lane<T, J>, state: LaneState<T, J>): Promise<void> => {
    while (!decided.signal.aborted) {
      options.signal?.throwIfAborted();
      const lookStartMs = performance.now();
      const value = await lane.observe();
      options.signal?.throwIfAborted(); // an abort during a look wins over what the look saw
      const atMs = performance.now();
      const waitedMs = Math.min(atMs - lookStartMs, lane.waitedMs?.(value, atMs - lookStartMs) ?? 0);
      look(state, value, lane.judge(value), { atMs, settledMs: waitedMs > 0 ? lookStartMs + waitedMs : -Infinity });
      if (decided.signal.aborted) return; // decided by another lane while this one looked
      if (states.every(held)) {
        passed = true;
        decided.abort();
      } else if (state.stretch === undefined && state.atMs >= endMs) decided.abort();
      // as long as the look worked (a big cluster is not probed more than half the time), not as long as it waited
      else await pause(Math.max(MIN_POLL_INTERVAL_MS, state.atMs - lookStartMs - waitedMs), options.signal, decided.signal);
    }
  };
  await Promise.all(lanes.map((lane, i) => run(lane, states[i]!)));

  const checks: Judged<J> = Object.assign({}, ...states.map((s) => s.checks));
  const last = passed ? maxBy(states, (s) => s.stretch!.atMs) : maxBy(states, (s) => s.atMs);
  const atMs = passed ? last.stretch!.atMs : last.atMs;
  return { passed, checks, values: states.map((s) => s.value!), atMs, passingSince: Object.assign({}, ...states.map((s) => s.since)) };
}

/** Takes one look into a lane's state: its checks, its stretch of passing looks, and each check's own run. */
function look<T, J extends Judgement>(state: LaneState<T, J>, value: T, checks: Judged<J>, { atMs, settledMs }: { atMs: number; settledMs: number }): void {
  state.previousAtMs = state.atMs;
  state.atMs = atMs;
  state.looks++;
  state.value = value;
  state.checks = checks;
  const since: Record<string, PassingSince> = {};
  for (const [key, check] of Object.entries<Judgement>(checks)) {
    if (check.verdict === "pass") since[key] = state.since[key] ?? { sinceMs: atMs, notBeforeMs: Math.max(state.previousAtMs, settledMs), firstLook: state.looks === 1 };
  }
  state.since = since;
  const passing = allPass(checks);
  state.stretch = !passing ? undefined : state.stretch ? { ...state.stretch, looks: state.stretch.looks + 1 } : { atMs, looks: 1 };
}

/** Sleeps until the next look, or until the poll is decided (then quietly) or aborted (then with the abort). */
async function pause(ms: number, signal: AbortSignal | undefined, decided: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal: signal ? AbortSignal.any([signal, decided]) : decided });
  } catch (error) {
    if (signal?.aborted || !decided.aborted) throw error;
  }
}

function maxBy<S>(items: readonly S[], key: (item: S) => number): S {
  return items.reduce((best, item) => (key(item) > key(best) ? item : best));
}
