import { incarnationsOf } from "../checks/incarnations.js";
import { checkNoCascade } from "../checks/no-cascade.js";
import { VIEWS_AGREE } from "../checks/view-agreement.js";
import { runCheck, worstVerdict, type CheckResult } from "../checks/verdict.js";
import type { Cluster, EngineRestarts } from "../cluster/cluster.js";
import { monotonicFromWall } from "../clock.js";
import { expectationOf, nemesisFor, restartedBy, variantOf, type FaultPlan } from "../faults/index.js";
import type { IterationResult } from "../report/run-result.js";
import { setTimeout as sleep } from "node:timers/promises";
import { healed } from "./phases/healed.js";
import { healthyBefore } from "./phases/healthy-before.js";
import { inflict } from "./phases/inflict.js";
import { faultUndone } from "./phases/undone.js";
import { heldWithoutDisconnects } from "./phases/held.js";
import { EventCursor, type IterationContext } from "./phases/iteration-context.js";
import { GlobalNamesWorkload } from "./global-names.js";
import { reachabilityAfterMesh } from "./reachability-after-mesh.js";
import { layerOutcomes, roundOrNull, type Judgements } from "./layer-outcomes.js";

export type { Deadlines } from "./phases/iteration-context.js";

/**
 * One fault: healthy before -> invoke -> observe it applied (while it lasts)
 * -> recover -> wait for the cluster to heal by itself, and hold -> no
 * unexpected disconnect -> ping matrix (only now: pings connect) -> no
 * cascade. With the global-names workload, a name registered on both sides
 * while the fault splits the cluster is judged after the heal. Each phase is
 * its own module; this only strings them together and stops where nothing
 * later could be judged. Every layer gets its verdict, detect and heal time.
 */
export async function runFaultIteration(ctx: IterationContext, plan: FaultPlan): Promise<IterationResult> {
  const { cluster, history, signal } = ctx;
  const expectation = expectationOf(plan, cluster.nodeNames, cluster.restarter);
  const nemesis = nemesisFor(plan, cluster.restarter);
  const checks: CheckResult[] = [];
  const events = ctx.events ?? new EventCursor();
  const judged: Judgements = {};
  const done = (times: { detectMs?: number | null; healMs?: number | null; healResolutionMs?: number | null } = {}): IterationResult => {
    for (const check of checks) {
      history.record({ process: "checker", type: "info", f: "check", value: { iteration: plan.index, name: check.name, verdict: check.verdict, detail: check.detail } });
    }
    const by = restartedBy(plan, cluster.restarter);
    const shape = variantOf(plan);
    return {
      index: plan.index,
      fault: plan.kind,
      targets: plan.targets,
      ...(shape ? { shape } : {}),
      ...(by ? { restartedBy: Object.fromEntries(plan.targets.map((node) => [node, by])) } : {}),
      detectMs: roundOrNull(times.detectMs),
      healMs: roundOrNull(times.healMs),
      healResolutionMs: times.healResolutionMs ?? null,
      layers: layerOutcomes(judged),
      verdict: worstVerdict(checks.map((c) => c.verdict)),
      checks,
    };
  };

  const before = (judged.before = await healthyBefore(ctx, events.sinceMs));
  checks.push(...before.checks);
  if (!before.passed) return done();
  const sinceMs = performance.now();
  if (plan.waitBeforeMs > 0) await sleep(plan.waitBeforeMs, undefined, { signal });
  // asked just before the fault: how long the engine will back off before restarting what the fault crashes
  const engine = await cluster.engineRestarts(cluster.nodeNames, sinceMs);
  const restartBackoffMs = Math.max(0, ...expectation.restartedByEngine.map((node) => engine[node]?.nextBackoffMs ?? 0));

  const workload = ctx.workload === "global-names" ? GlobalNamesWorkload.on(cluster, plan, expectation) : undefined;
  try {
    const inflicted = (judged.inflicted = await inflict(
      ctx,
      plan,
      nemesis,
      expectation,
      { observations: before.observations, layers: before.baseline.layers, restartBackoffMs },
      workload && (() => workload.register()),
    ));
    checks.push(...inflicted.checks);
    if (inflicted.harnessFailed) return done({ detectMs: inflicted.detectMs });
    const recoveredAtMs = inflicted.recoveredAtMs ?? (await engineRestartTime(cluster, plan.targets, inflicted.faultAtMs));

    const after = (judged.after = await healed(ctx, { iteration: plan.index, recoveredAtMs, eventsSinceMs: events.sinceMs, before: before.baseline }));
    checks.push(...after.checks);
    if (!after.heal) {
      for (const name of ["no unexpected disconnect", VIEWS_AGREE]) checks.push({ name, verdict: "unknown", detail: "not judged: the cluster did not heal" });
    } else {
      const held = await heldWithoutDisconnects(ctx, { plan, expectation, faultAtMs: inflicted.faultAtMs, healedAtMs: after.heal.atMs }, events.sinceMs);
      checks.push(...held.checks);
      events.sinceMs = held.untilMs;
      if (workload) checks.push(await workload.judge(after.observations));
      const undone = await faultUndone(ctx, plan, nemesis, recoveredAtMs);
      if (undone) checks.push(undone);
    }
    checks.push(await reachabilityAfterMesh(cluster, after.health.mesh));
    const restarts = restartCounts(await cluster.engineRestarts(cluster.nodeNames, sinceMs));
    const incarnations = incarnationsOf(before.observations);
    checks.push(runCheck("no cascade", () => checkNoCascade(expectation, after.observations, incarnations, restarts)));
    return done({ detectMs: inflicted.detectMs, healMs: after.heal?.healMs ?? null, healResolutionMs: after.heal?.resolutionMs ?? null });
  } finally {
    await workload?.release();
  }
}

function restartCounts(restarts: Record<string, EngineRestarts>): Record<string, number> {
  return Object.fromEntries(Object.entries(restarts).map(([node, r]) => [node, r.atMs.length]));
}

/** A crash is recovered by the engine: heal is measured from its restart of the targets (the last of them). */
async function engineRestartTime(cluster: Cluster, targets: string[], faultAtMs: number): Promise<number> {
  const states = await cluster.containerStates(targets);
  const started = Object.values(states).map((s) => monotonicFromWall(s.startedAtMs));
  return Math.max(faultAtMs, ...started);
}
