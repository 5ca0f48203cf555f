import { candidateKey, isReductionOf, type Candidate, type JudgedTry, type TryOutcome } from "./candidate.js";
import { shrinkSteps, type Step, type StepLimits } from "./shrink-steps.js";

/** One candidate as tried: which original faults it kept, on how many nodes, and each try's outcome. */
export interface TriedCandidate {
  number: number;
  step: Step["step"] | "original";
  nodes: number;
  /** The indices, in the original schedule, of the faults it kept. */
  faults: number[];
  tries: JudgedTry[];
  /** One of its tries showed the failure being shrunk. */
  failed: boolean;
}

/** Where the search is, for the console. */
export interface ShrinkProgress {
  candidate: number;
  step: TriedCandidate["step"] | "failure rate";
  /** This try's number among the candidate's tries, from 1. */
  attempt: number;
  tries: number;
  /** Failing tries so far, over every candidate. */
  failures: number;
  timeLeftMs: number;
}

export interface ShrinkOptions {
  original: Candidate;
  /** Each candidate is tried up to this many times: a flaky failure is kept if it shows once. */
  tries: number;
  budgetMs: number;
  now(): number;
  limits: StepLimits;
  /** A try that shows the failure being shrunk (the same violated check), not some other. */
  sameFailure(outcome: TryOutcome): boolean;
  tryCandidate(candidate: Candidate, progress: ShrinkProgress): Promise<TryOutcome>;
}

export interface ShrinkResult {
  /** The original schedule failed in one of its tries. */
  reproduced: boolean;
  /** minimal: no one-step-smaller candidate still failed; budget: time ran out first. */
  stoppedBy: "minimal" | "budget" | "not reproduced";
  minimal: Candidate;
  candidates: TriedCandidate[];
  /** The minimal schedule's tries: those that found it failing, then more up to `tries` (as the budget allows). */
  minimalTries: JudgedTry[];
}

/**
 * Delta debugging of a failing schedule: the original is tried first (up to
 * `tries` times, stopping at the first failure), then the one-step-smaller
 * candidates in order; the first that still fails becomes the schedule to
 * shrink, until none does (1-minimal) or the budget is spent. A candidate is
 * never tried twice, nor one that merely reduces a candidate that passed.
 * Pure apart from `tryCandidate` and the clock.
 */
export async function shrinkSchedule(options: ShrinkOptions): Promise<ShrinkResult> {
  const started = options.now();
  const timeLeftMs = () => options.budgetMs - (options.now() - started);
  const candidates: TriedCandidate[] = [];
  let failures = 0;
  // a try is a whole run: one begun with less time left than the longest so far would overrun the budget
  let longestTryMs = 0;

  /** Tries a candidate until it fails, `upTo` tries are done, or the budget is spent (or too little of it is left for another try). */
  const tryIt = async (record: TriedCandidate, candidate: Candidate, upTo: number, stopAtFailure: boolean): Promise<"done" | "out of budget"> => {
    while (record.tries.length < upTo && !(stopAtFailure && record.failed)) {
      if (timeLeftMs() <= 0 || timeLeftMs() < longestTryMs) return "out of budget";
      const progress = { candidate: record.number, step: stopAtFailure ? record.step : ("failure rate" as const), attempt: record.tries.length + 1, tries: upTo, failures, timeLeftMs: timeLeftMs() };
      const tryStarted = options.now();
      const outcome = await options.tryCandidate(candidate, progress);
      longestTryMs = Math.max(longestTryMs, options.now() - tryStarted);
      const matchesOriginal = options.sameFailure(outcome);
      record.tries.push({ ...outcome, matchesOriginal });
      if (matchesOriginal) {
        record.failed = true;
        failures++;
      }
    }
    return "done";
  };
  const recordOf = (step: TriedCandidate["step"], candidate: Candidate): TriedCandidate => {
    const record = { number: candidates.length + 1, step, nodes: candidate.nodes, faults: candidate.schedule.map((plan) => plan.index), tries: [], failed: false };
    candidates.push(record);
    return record;
  };

  let current = options.original;
  let currentRecord = recordOf("original", current);
  const ended = await tryIt(currentRecord, current, options.tries, true);
  if (!currentRecord.failed) return { reproduced: false, stoppedBy: ended === "done" ? "not reproduced" : "budget", minimal: current, candidates, minimalTries: currentRecord.tries };

  const tried = new Set([candidateKey(current)]);
  const passed: Candidate[] = [];
  let stoppedBy: ShrinkResult["stoppedBy"] = "minimal";
  search: for (;;) {
    for (const { step, candidate } of shrinkSteps(current, options.limits)) {
      const key = candidateKey(candidate);
      if (tried.has(key) || passed.some((pass) => isReductionOf(candidate, pass))) continue;
      tried.add(key);
      const record = recordOf(step, candidate);
      const end = await tryIt(record, candidate, options.tries, true);
      if (record.failed) {
        current = candidate;
        currentRecord = record;
        continue search;
      }
      if (end === "done") passed.push(candidate);
      if (end === "out of budget") {
        if (record.tries.length === 0) candidates.pop(); // never tried: not a candidate of the record
        stoppedBy = "budget";
        break search;
      }
    }
    break;
  }
  // how often the minimal schedule fails: its tries so far, topped up to `tries`
  await tryIt(currentRecord, current, options.tries, false);
  return { reproduced: true, stoppedBy, minimal: current, candidates, minimalTries: currentRecord.tries };
}

/**
 * The candidates that failed another check than the original's, and which
 * checks: the search took them for passing. Many of them say the candidates
 * met something else than the failure being shrunk.
 */
export function otherFailures(candidates: readonly TriedCandidate[]): { candidates: number; tries: number; checks: string[] } {
  const tries = candidates.map((c) => c.tries.filter((t) => t.verdict === "fail" && !t.matchesOriginal));
  const checks = [...new Set(tries.flat().map((t) => t.violated?.name ?? "no check named"))];
  return { candidates: tries.filter((t) => t.length > 0).length, tries: tries.flat().length, checks };
}

/** Failing tries over tries. */
export function failureRate(tries: readonly TryOutcome[], sameFailure: (outcome: TryOutcome) => boolean): { failed: number; tries: number } {
  return { failed: tries.filter(sameFailure).length, tries: tries.length };
}
