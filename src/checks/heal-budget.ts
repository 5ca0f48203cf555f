import type { Summary } from "../stats.js";
import type { CheckResult } from "./verdict.js";

/** The scenario's time-to-heal budget: the p95 of all heal times must not exceed it. */
export function checkHealBudget(heal: Summary | null, budgetMs: number): CheckResult {
  const name = "heal p95 budget";
  if (!heal) return { name, verdict: "unknown", detail: "no heal was measured" };
  return heal.p95 <= budgetMs
    ? { name, verdict: "pass", detail: `p95 ${heal.p95} ms <= budget ${budgetMs} ms (n=${heal.count})` }
    : { name, verdict: "fail", detail: `p95 ${heal.p95} ms exceeds budget ${budgetMs} ms (n=${heal.count})` };
}
