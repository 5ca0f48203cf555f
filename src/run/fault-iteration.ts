import { setTimeout as sleep } from "node:timers/promises";
import { RESTARTERS } from "../config/report-schema.js";
import { checkFaultApplied, detectTimeMs, type AppliedEvidence, type ContainerFacts } from "../checks/fault-applied.js";
import { expectationOf, type FaultExpectation } from "../checks/fault-expectation.js";
import { judgeHealthy } from "../checks/healthy.js";
import { incarnationsOf } from "../checks/incarnations.js";
import { checkNoCascade } from "../checks/no-cascade.js";
import { runCheck, worstVerdict, type CheckResult, type Verdict } from "../checks/verdict.js";
import { monotonicFromWall } from "../clock.js";
import type { StartedCluster } from "../cluster/started-cluster.js";
import { isShaped } from "../nemesis/netem.js";
import { nemesisFor } from "../nemesis/nemeses.js";
import { explainDeadline, pollUntil } from "../poll.js";
import type { FaultPlan } from "../schedule/plan-faults.js";
import type { History } from "./history.js";
import { reachabilityAfterMesh } from "./reachability-after-mesh.js";
import { observeRecorded } from "./recorded-observe.js";

export interface Deadlines {
  /** How long nodes may take to notice a fault that is not timed (kill, stop, crash). */
  detectMs: number;
  /** How long the cluster may take to heal once the fault is lifted. */
  healMs: number;
}

export interface IterationResult {
  index: number;
  fault: FaultPlan["kind"];
  targets: string[];
  shape?: FaultPlan["shape"];
  /** The fault to the moment every observer had noticed it; null if never seen. */
  detectMs: number | null;
  /** The fault's recovery to the observation of the full mesh with pg converged; null if it never healed. */
  healMs: number | null;
  /** How precise healMs is: the time between the last observation before the heal and the one that saw it. */
  healResolutionMs: number | null;
  restartedBy?: Record<string, Restarter>;
  verdict: Verdict;
  checks: CheckResult[];
}

type Restarter = (typeof RESTARTERS)[number];

/** Faults that take their targets down: somebody must bring them back. */
const DOWNING = new Set<FaultPlan["kind"]>(["kill", "kill-many", "stop", "crash"]);

/** Faults that last exactly their duration: they must be noticed while they last. */
const TIMED = new Set<FaultPlan["kind"]>(["pause", "partition", "delay", "loss"]);

/**
 * One fault: healthy before -> invoke -> observe it applied (while it lasts)
 * -> recover -> wait for the cluster to heal by itself (no ping until the
 * mesh was judged) -> ping matrix -> no cascade.
 */
export async function runFaultIteration(
  cluster: StartedCluster,
  plan: FaultPlan,
  deadlines: Deadlines,
  context: { history: History; signal?: AbortSignal | undefined },
): Promise<IterationResult> {
  const { history, signal } = context;
  const nodes = cluster.nodeNames;
  const groups = cluster.options.pgGroups;
  const expectation = expectationOf(plan, nodes, cluster.backend.restarter);
  const nemesis = nemesisFor(plan, cluster.backend.restarter);
  const restarter: Restarter = nemesis.recover ? "harness" : cluster.backend.restarter === "swarm" ? "swarm" : "docker";
  const observe = (which: readonly string[], options: { eventsSinceMs?: number } = {}) => observeRecorded(cluster, history, which, options);
  const checks: CheckResult[] = [];
  let detectMs: number | null = null;
  let healResolutionMs: number | null = null;
  const done = (healMs: number | null): IterationResult => {
    const result = {
      index: plan.index,
      fault: plan.kind,
      targets: plan.targets,
      ...(plan.shape ? { shape: plan.shape } : {}),
      ...(DOWNING.has(plan.kind) ? { restartedBy: Object.fromEntries(plan.targets.map((node) => [node, restarter])) } : {}),
      detectMs: detectMs === null ? null : Math.max(0, Math.round(detectMs)),
      healMs: healMs === null ? null : Math.max(0, Math.round(healMs)),
      healResolutionMs,
      verdict: worstVerdict(checks.map((c) => c.verdict)),
      checks,
    };
    for (const check of checks) history.record("checker", "info", check.name, { iteration: plan.index, verdict: check.verdict, detail: check.detail });
    return result;
  };

  const before = await pollUntil(() => observe(nodes), (obs) => judgeHealthy(obs, nodes, groups), { deadlineMs: deadlines.healMs, signal });
  checks.push(...explainDeadline(before.checks, "not healthy", deadlines.healMs).map((c) => ({ ...c, name: `healthy before fault: ${c.name}` })));
  if (!before.passed) return done(null);
  const incarnations = incarnationsOf(before.value);
  const restartsBefore = restartCounts(await cluster.containerStates());
  if (plan.waitBeforeMs > 0) await sleep(plan.waitBeforeMs, undefined, { signal });

  const faultAtMs = performance.now();
  let recoveredAtMs = faultAtMs;
  history.record("nemesis", "invoke", plan.kind, plan);
  try {
    await nemesis.invoke(cluster, plan);
    history.record("nemesis", "ok", plan.kind, { index: plan.index, targets: plan.targets });
    const windowMs = TIMED.has(plan.kind) ? plan.durationMs : deadlines.detectMs;
    const applied = await pollUntil(
      () => gatherEvidence(cluster, expectation, observe, { faultAtMs, restartCountsBefore: restartsBefore }),
      (evidence) => [runCheck("fault applied", () => checkFaultApplied(expectation, evidence))],
      { deadlineMs: windowMs, signal },
    );
    checks.push(...explainDeadline(applied.checks, TIMED.has(plan.kind) ? "not observed while the fault lasted" : "not observed", windowMs));
    if (applied.passed) {
      detectMs = detectTimeMs(expectation, applied.value) ?? applied.atMs - faultAtMs;
      history.record("checker", "info", "detected", { iteration: plan.index, detectMs });
    }
    const holdMs = faultAtMs + plan.durationMs - performance.now();
    if (holdMs > 0) await sleep(holdMs, undefined, { signal });
  } finally {
    if (nemesis.recover) {
      recoveredAtMs = performance.now();
      history.record("nemesis", "invoke", `recover ${plan.kind}`, { index: plan.index, targets: plan.targets });
      await nemesis.recover(cluster, plan);
      history.record("nemesis", "ok", `recover ${plan.kind}`, { index: plan.index });
    }
  }
  if (!nemesis.recover) recoveredAtMs = await engineRestartTime(cluster, plan.targets, faultAtMs);

  const healed = await pollUntil(
    () => observe(nodes),
    (obs) => judgeHealthy(obs, nodes, groups, { mesh: "mesh healed", pg: "pg converged" }),
    { deadlineMs: deadlines.healMs, signal },
  );
  checks.push(...explainDeadline(healed.checks, "not healed by itself", deadlines.healMs));
  if (healed.passed) {
    healResolutionMs = Math.round(healed.atMs - healed.previousAtMs);
    history.record("checker", "info", "healed", { iteration: plan.index, healMs: healed.atMs - recoveredAtMs, resolutionMs: healResolutionMs });
  }
  checks.push(await reachabilityAfterMesh(cluster, healed.checks.find((c) => c.name === "mesh healed")));
  const restartsAfter = restartCounts(await cluster.containerStates());
  checks.push(runCheck("no cascade", () => checkNoCascade(expectation, healed.value, incarnations, { before: restartsBefore, after: restartsAfter })));
  return done(healed.passed ? healed.atMs - recoveredAtMs : null);
}

/** One look at everything that shows whether the fault is in place. */
async function gatherEvidence(
  cluster: StartedCluster,
  expectation: FaultExpectation,
  observe: (nodes: readonly string[], options: { eventsSinceMs?: number }) => Promise<AppliedEvidence["observations"]>,
  base: { faultAtMs: number; restartCountsBefore: Record<string, number> },
): Promise<AppliedEvidence> {
  const [observations, states] = await Promise.all([observe(expectation.observable, { eventsSinceMs: base.faultAtMs }), cluster.containerStates()]);
  const containers: Record<string, ContainerFacts> = {};
  for (const [node, state] of Object.entries(states)) {
    containers[node] = { running: state.running, paused: state.paused, restartCount: state.restartCount };
  }
  await Promise.all(expectation.shaped.map(async (node) => (containers[node]!.shaped = await isShaped(cluster, node))));
  return { observations, containers, ...base };
}

function restartCounts(states: Record<string, { restartCount: number }>): Record<string, number> {
  return Object.fromEntries(Object.entries(states).map(([node, state]) => [node, state.restartCount]));
}

/** A crash is recovered by the engine: heal is measured from its restart of the targets (the last of them). */
async function engineRestartTime(cluster: StartedCluster, targets: string[], faultAtMs: number): Promise<number> {
  const states = await cluster.containerStates(targets);
  const started = Object.values(states).map((s) => monotonicFromWall(s.startedAtMs));
  return Math.max(faultAtMs, ...started);
}
