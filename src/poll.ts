import { setTimeout as sleep } from "node:timers/promises";
import { worstVerdict, type CheckResult } from "./checks/verdict.js";

export interface PollResult<T> {
  passed: boolean;
  /** The last observation, the one the checks judged. */
  value: T;
  checks: CheckResult[];
  /** performance.now() when the last observation arrived. */
  atMs: number;
}

/** Says in each failing check what did not happen within the deadline, e.g. "not healed by itself within 30 s". */
export function explainDeadline(checks: CheckResult[], phrase: string, deadlineMs: number): CheckResult[] {
  const seconds = Number((deadlineMs / 1000).toFixed(1));
  return checks.map((c) => (c.verdict === "pass" ? c : { ...c, detail: `${phrase} within ${seconds} s: ${c.detail}` }));
}

/**
 * Observes and judges until every check passes or the deadline is reached:
 * every wait has a deadline, and running out of it is a verdict with the
 * last reasons (see explainDeadline), not a hang and not an exception.
 */
export async function pollUntil<T>(
  observe: () => Promise<T>,
  judge: (value: T) => CheckResult[],
  options: { deadlineMs: number; intervalMs?: number; signal?: AbortSignal | undefined },
): Promise<PollResult<T>> {
  const endMs = performance.now() + options.deadlineMs;
  for (;;) {
    options.signal?.throwIfAborted();
    const value = await observe();
    const atMs = performance.now();
    const checks = judge(value);
    if (worstVerdict(checks.map((c) => c.verdict)) === "pass") return { passed: true, value, checks, atMs };
    if (atMs >= endMs) return { passed: false, value, checks, atMs };
    await sleep(options.intervalMs ?? 100, undefined, { signal: options.signal });
  }
}
