import { budgetsByKind, checkHealBudget } from "../checks/heal-budget.js";
import { worstVerdict, type CheckResult } from "../checks/verdict.js";
import type { Cluster } from "../cluster/cluster.js";
import type { FaultPlan } from "../faults/index.js";
import type { History } from "../history/history.js";
import type { IterationResult, ScenarioResult, TimeStats } from "../report/run-result.js";
import type { Scenario } from "../scenario/scenario.js";
import { summarize } from "../stats.js";
import { finalHeal } from "./final-heal.js";
import { runFaultIteration } from "./fault-iteration.js";
import { EventCursor } from "./phases/iteration-context.js";

/**
 * Runs a schedule against a started cluster: one iteration per planned fault,
 * stopping at the first failed one (a cluster that did not heal makes every
 * later verdict meaningless), then the final heal and the budget.
 */
export async function runScenario(
  cluster: Cluster,
  scenario: Scenario,
  schedule: readonly FaultPlan[],
  context: { history: History; signal?: AbortSignal | undefined; onIteration?: (result: IterationResult) => void },
): Promise<ScenarioResult> {
  const iterations: IterationResult[] = [];
  const events = new EventCursor();
  for (const plan of schedule) {
    context.signal?.throwIfAborted();
    const deadlines = { detectMs: scenario.deadlines.detect, healMs: scenario.deadlines.heal, stableMs: scenario.deadlines.stable };
    const iteration = { cluster, history: context.history, signal: context.signal, deadlines, events, invariants: scenario.invariants, workload: scenario.workload };
    const result = await runFaultIteration(iteration, plan);
    iterations.push(result);
    context.onIteration?.(result);
    if (result.verdict === "fail") break;
  }

  const checks: CheckResult[] = [];
  let finalLayers: ScenarioResult["finalLayers"];
  const failed = iterations.find((it) => it.verdict === "fail");
  if (scenario.finalHeal) {
    if (failed) checks.push({ name: "final heal", verdict: "unknown", detail: `not run: iteration ${failed.index} failed` });
    else {
      const final = await finalHeal({ cluster, history: context.history, signal: context.signal, events, invariants: scenario.invariants }, scenario);
      checks.push(...final.checks);
      finalLayers = final.layers;
    }
  }
  const stats = timeStats(iterations);
  if (scenario.budget.healP95 !== undefined) {
    for (const [kind, budgetMs] of budgetsByKind(scenario.budget.healP95, Object.keys(stats.byFault))) {
      checks.push(checkHealBudget(stats.byFault[kind]?.heal ?? null, budgetMs, kind));
    }
  }
  return { iterations, checks, stats, ...(finalLayers ? { finalLayers } : {}), verdict: worstVerdict([...iterations, ...checks].map((x) => x.verdict)) };
}

/** Time to detect, to heal, and heal resolution: overall and per fault kind. */
export function timeStats(iterations: readonly IterationResult[]): ScenarioResult["stats"] {
  const of = (its: readonly IterationResult[]): TimeStats => ({
    detect: summarize(its.flatMap((it) => (it.detectMs === null ? [] : [it.detectMs]))),
    heal: summarize(its.flatMap((it) => (it.healMs === null ? [] : [it.healMs]))),
    healResolution: summarize(its.flatMap((it) => (it.healResolutionMs === null ? [] : [it.healResolutionMs]))),
  });
  const kinds = [...new Set(iterations.map((it) => it.fault))];
  return { overall: of(iterations), byFault: Object.fromEntries(kinds.map((kind) => [kind, of(iterations.filter((it) => it.fault === kind))])) };
}
