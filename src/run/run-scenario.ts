import { budgetsByKind, checkHealBudget } from "../checks/heal-budget.js";
import { worstVerdict, type CheckResult } from "../checks/verdict.js";
import type { Cluster } from "../cluster/cluster.js";
import type { FaultPlan } from "../faults/index.js";
import type { History } from "../history/history.js";
import type { IterationResult, ScenarioResult, TimeStats } from "../report/run-result.js";
import type { Scenario } from "../scenario/scenario.js";
import { errorMessage } from "../errors.js";
import { summarize } from "../stats.js";
import { finalHeal } from "./final-heal.js";
import { runFaultIteration } from "./fault-iteration.js";
import { EventCursor } from "./phases/iteration-context.js";

/**
 * Runs a schedule against a started cluster: one iteration per planned fault,
 * stopping at the first failed one (a cluster that did not heal makes every
 * later verdict meaningless), then the final heal and the budget. A harness
 * error ends the run as "unknown" with what was judged before it, so that the
 * reports are still written; Ctrl-C still ends it with the abort.
 */
export async function runScenario(
  cluster: Cluster,
  scenario: Scenario,
  schedule: readonly FaultPlan[],
  context: { history: History; signal?: AbortSignal | undefined; onIteration?: (result: IterationResult) => void },
): Promise<ScenarioResult> {
  const iterations: IterationResult[] = [];
  const checks: CheckResult[] = [];
  const events = new EventCursor();
  // an error of the harness's own (the engine went away, a probe broke) ends the run, but keeps what was judged
  const harnessFailed = (during: string, error: unknown): CheckResult => {
    if (context.signal?.aborted) throw error;
    return { name: "harness", verdict: "unknown", detail: `the harness failed during ${during}: ${errorMessage(error)}; nothing after it was judged` };
  };
  let stopped: string | undefined;
  for (const plan of schedule) {
    context.signal?.throwIfAborted();
    const deadlines = { detectMs: scenario.deadlines.detect, healMs: scenario.deadlines.heal, stableMs: scenario.deadlines.stable };
    const iteration = { cluster, history: context.history, signal: context.signal, deadlines, events, invariants: scenario.invariants, workload: scenario.workload };
    let result: IterationResult;
    try {
      result = await runFaultIteration(iteration, plan);
    } catch (error) {
      checks.push(harnessFailed(`iteration ${plan.index} (${plan.kind})`, error));
      stopped = `iteration ${plan.index}: the harness failed`;
      break;
    }
    iterations.push(result);
    context.onIteration?.(result);
    if (result.verdict === "fail") {
      stopped = `iteration ${result.index} failed`;
      break;
    }
  }

  let finalLayers: ScenarioResult["finalLayers"];
  if (scenario.finalHeal) {
    if (stopped) checks.push({ name: "final heal", verdict: "unknown", detail: `not run: ${stopped}` });
    else {
      try {
        const final = await finalHeal({ cluster, history: context.history, signal: context.signal, events, invariants: scenario.invariants }, scenario);
        checks.push(...final.checks);
        finalLayers = final.layers;
      } catch (error) {
        checks.push(harnessFailed("the final heal", error));
      }
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
