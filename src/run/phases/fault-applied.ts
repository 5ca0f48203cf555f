import { checkFaultApplied, detectTimeMs, type AppliedEvidence, type ContainerFacts } from "../../checks/fault-applied.js";
import { runCheck, type CheckResult } from "../../checks/verdict.js";
import { traitsOf, type FaultExpectation, type FaultPlan, type Nemesis } from "../../faults/index.js";
import { errorMessage } from "../../errors.js";
import { explainDeadline, pollUntil } from "../../poll.js";
import { observeRecorded, type IterationContext } from "./iteration-context.js";
import type { LayerDetector } from "./layer-detector.js";

/**
 * Phase 3: the fault really happened (observed, not assumed), within the
 * fault's own length for faults that last a given time, else within the
 * detect deadline. The time to detect comes from the agents' nodedown events
 * where there are some. A node the engine must restart is restarted only
 * after Docker's restart back-off, which doubles with each quick crash of the
 * same container: the phase waits that much longer rather than read a
 * back-off as "not restarted", and says so when it needed the time.
 */
export async function faultApplied(
  ctx: IterationContext,
  plan: FaultPlan,
  expectation: FaultExpectation,
  base: { faultAtMs: number; restartBackoffMs: number; detector: LayerDetector; nemesis: Nemesis },
): Promise<{ check: CheckResult; detectMs: number | null }> {
  const timed = traitsOf(plan.kind).lasting === "duration";
  const windowMs = timed ? plan.durationMs : ctx.deadlines.detectMs;
  const backoffMs = base.restartBackoffMs;
  const startMs = performance.now();
  const applied = await pollUntil(
    () => gatherEvidence(ctx, plan, expectation, base),
    (evidence) => ({ applied: runCheck("fault applied", () => checkFaultApplied(expectation, evidence)) }),
    { deadlineMs: windowMs + backoffMs, signal: ctx.signal },
  );
  const phrase = timed ? "not observed while the fault lasted" : "not observed";
  const madeOf = backoffMs ? `${seconds(windowMs)} s and ${seconds(backoffMs)} s of Docker's restart back-off` : undefined;
  const [check] = explainDeadline(applied.checks, phrase, windowMs + backoffMs, madeOf);
  if (!applied.passed) return { check: check!, detectMs: null };
  const waitedMs = applied.atMs - startMs - windowMs;
  const waited = backoffMs && waitedMs > 0 ? `; waited ${seconds(waitedMs)} s past the deadline for Docker's restart back-off of ${seconds(backoffMs)} s` : "";
  const detectMs = detectTimeMs(expectation, applied.value) ?? applied.atMs - base.faultAtMs;
  ctx.history.record({ process: "checker", type: "info", f: "detected", value: { iteration: plan.index, detectMs } });
  return { check: { ...check!, detail: check!.detail + waited + (await evidenceOf(ctx, plan, base.nemesis)) }, detectMs };
}

/** What the fault's own evidence showed, as a clause of the check's detail; a look that fails says so rather than fail the check. */
async function evidenceOf(ctx: IterationContext, plan: FaultPlan, nemesis: Nemesis): Promise<string> {
  if (!nemesis.evidence) return "";
  try {
    const evidence = await nemesis.evidence(ctx.cluster, plan);
    return evidence ? `; ${evidence}` : "";
  } catch (error) {
    return `; its evidence could not be read again (${errorMessage(error)})`;
  }
}

function seconds(ms: number): number {
  return Number((ms / 1000).toFixed(1));
}

/** One look at everything that shows whether the fault is in place. */
async function gatherEvidence(
  ctx: IterationContext,
  plan: FaultPlan,
  expectation: FaultExpectation,
  { faultAtMs, detector, nemesis }: { faultAtMs: number; detector: LayerDetector; nemesis: Nemesis },
): Promise<AppliedEvidence> {
  const { cluster } = ctx;
  const [observations, states, restarts, notInPlace] = await Promise.all([
    observeRecorded(ctx, expectation.observable, { eventsSinceMs: faultAtMs }),
    cluster.containerStates(),
    cluster.engineRestarts(expectation.restartedByEngine, faultAtMs),
    nemesis.inPlace?.(cluster, plan) ?? [],
  ]);
  detector.see(observations);
  const containers: Record<string, ContainerFacts> = {};
  for (const [node, state] of Object.entries(states)) containers[node] = { running: state.running, paused: state.paused };
  const engineRestarts = Object.fromEntries(Object.entries(restarts).map(([node, r]) => [node, r.atMs.length]));
  return { observations, containers, engineRestarts, faultAtMs, notInPlace };
}
