import type { Summary } from "../stats.js";
import type { CheckResult } from "./verdict.js";

/** A time-to-heal budget: the p95 of one fault kind's heal times must not exceed it. */
export function checkHealBudget(heal: Summary | null, budgetMs: number, kind: string): CheckResult {
  const name = `heal p95 budget: ${kind}`;
  if (!heal) return { name, verdict: "unknown", detail: `no heal of a ${kind} was measured` };
  return heal.p95 <= budgetMs
    ? { name, verdict: "pass", detail: `p95 ${heal.p95} ms <= budget ${budgetMs} ms (n=${heal.count})` }
    : { name, verdict: "fail", detail: `p95 ${heal.p95} ms exceeds budget ${budgetMs} ms (n=${heal.count})` };
}

/**
 * The budget of each kind to judge: one budget applies to every kind that ran
 * (judged kind by kind, so fast kinds cannot hide a slow one); a map names its
 * kinds, each judged even if it never ran.
 */
export function budgetsByKind(budget: number | Readonly<Partial<Record<string, number>>>, kindsRun: readonly string[]): [string, number][] {
  if (typeof budget === "number") return kindsRun.map((kind) => [kind, budget]);
  return Object.entries(budget).flatMap(([kind, ms]) => (ms === undefined ? [] : [[kind, ms] as [string, number]]));
}
