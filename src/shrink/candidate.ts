import type { FaultPlan } from "../faults/index.js";

/**
 * A schedule to try: the faults (each keeping its index in the original
 * schedule, so a candidate says which of the original faults it kept) and
 * the number of nodes it runs on.
 */
export interface Candidate {
  nodes: number;
  schedule: readonly FaultPlan[];
}

/** The check a failing try violated: the first failed one of its report. */
export interface Violation {
  name: string;
  detail: string;
}

/** What one try of a candidate ended with, and where its report went. */
export interface TryOutcome {
  verdict: "pass" | "fail" | "unknown";
  violated?: Violation | undefined;
  reportDir?: string | undefined;
}

/** A try as the search judged it. */
export interface JudgedTry extends TryOutcome {
  /** It failed the check the original run failed: only such a try keeps a candidate; one that failed another check is reported, not kept. */
  matchesOriginal: boolean;
}

/** Two candidates with the same key are the same experiment: tried once, remembered. */
export function candidateKey(candidate: Candidate): string {
  return JSON.stringify([candidate.nodes, candidate.schedule.map((plan) => [plan.index, plan.waitBeforeMs, plan.durationMs])]);
}

/** The candidate as it runs: its faults numbered 1..n again. */
export function runnableSchedule(candidate: Candidate): FaultPlan[] {
  return candidate.schedule.map((plan, i) => ({ ...plan, index: i + 1 }));
}

/** The node number of app@nK (K), or undefined for a name of another form (an attached cluster's). */
export function nodeNumber(name: string): number | undefined {
  const match = /@n([1-9]\d*)$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/**
 * `smaller` is `larger` made smaller: its faults a subset of the larger's, on
 * no more nodes, none waiting or lasting longer. A failure that did not show
 * in the larger is taken not to show in it either (delta debugging's
 * monotony), so it need not run.
 */
export function isReductionOf(smaller: Candidate, larger: Candidate): boolean {
  if (smaller.nodes > larger.nodes) return false;
  return smaller.schedule.every((plan) => {
    const same = larger.schedule.find((other) => other.index === plan.index);
    return same !== undefined && plan.waitBeforeMs <= same.waitBeforeMs && plan.durationMs <= same.durationMs;
  });
}
