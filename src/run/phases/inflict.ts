import { setTimeout as sleep } from "node:timers/promises";
import type { CheckResult } from "../../checks/verdict.js";
import { errorMessage } from "../../errors.js";
import type { FaultExpectation, FaultPlan, Nemesis } from "../../faults/index.js";
import type { Layer } from "../../checks/layer.js";
import type { NodeObservation } from "../../probe/observe-node.js";
import { faultApplied } from "./fault-applied.js";
import { observeRecorded, type IterationContext } from "./iteration-context.js";
import { LayerDetector } from "./layer-detector.js";

export interface Inflicted {
  checks: CheckResult[];
  detectMs: number | null;
  /** Each layer's first look that showed the fault, from the fault (ms); a layer it never touched is absent. */
  layerDetectMs: Partial<Record<Layer, number>>;
  /** When the fault was invoked (monotonic ms). */
  faultAtMs: number;
  /** When the harness began to lift it; undefined when nobody lifts it (a crash) or lifting failed. */
  recoveredAtMs?: number;
  /** The harness could not invoke or lift the fault: nothing after this can be judged. */
  harnessFailed: boolean;
}

/**
 * Phases 2-4: invoke the fault, observe it applied, hold it for its length,
 * and lift it (also when anything before threw, or the run was aborted).
 * The harness failing to do its part is a verdict ("unknown", with the
 * reason), never an uncaught error. `before`: the look before the fault and
 * the layers it found (for each layer's detect time), and how long the
 * engine will wait before restarting what the fault crashes. whileApplied:
 * what to do to the cluster once the fault is in place (a workload).
 */
export async function inflict(
  ctx: IterationContext,
  plan: FaultPlan,
  nemesis: Nemesis,
  expectation: FaultExpectation,
  before: { observations: readonly NodeObservation[]; layers: ReadonlySet<Layer>; restartBackoffMs: number },
  whileApplied?: () => Promise<void>,
): Promise<Inflicted> {
  const { history } = ctx;
  const faultAtMs = performance.now();
  const result: Inflicted = { checks: [], detectMs: null, faultAtMs, layerDetectMs: {}, harnessFailed: false };
  const detector = new LayerDetector(before.observations, faultAtMs);
  history.record({ process: "nemesis", type: "invoke", f: "fault", value: plan });
  try {
    if (await invoked(ctx, plan, nemesis, result)) {
      const applied = await faultApplied(ctx, plan, expectation, { faultAtMs, restartBackoffMs: before.restartBackoffMs, detector, nemesis });
      result.checks.push(applied.check);
      result.detectMs = applied.detectMs;
      if (applied.check.verdict === "pass") await whileApplied?.();
      await hold(ctx, expectation.observable, faultAtMs + plan.durationMs, { detector, present: before.layers });
    }
    result.layerDetectMs = detector.detectMs;
  } finally {
    // a fault that was (maybe partly) invoked is lifted, whatever happened since; an abort on its way out stays the outcome
    if (nemesis.recover) await lift(ctx, plan, nemesis.recover, result);
  }
  return result;
}

/** How often a fault that lasts is looked at for the layers that have not shown it yet. */
const HOLD_LOOK_MS = 200;

/** Holds the fault until `untilMs`, looking meanwhile (no global:sync: the cluster is split) for layers that have not shown it yet. */
async function hold(
  ctx: IterationContext,
  observable: readonly string[],
  untilMs: number,
  layers: { detector: LayerDetector; present: ReadonlySet<Layer> },
): Promise<void> {
  const { signal } = ctx;
  while (performance.now() < untilMs && layers.detector.waitingFor(layers.present)) {
    layers.detector.see(await observeRecorded(ctx, observable));
    await sleep(Math.max(0, Math.min(HOLD_LOOK_MS, untilMs - performance.now())), undefined, { signal });
  }
  const leftMs = untilMs - performance.now();
  if (leftMs > 0) await sleep(leftMs, undefined, { signal });
}

async function invoked(ctx: IterationContext, plan: FaultPlan, nemesis: Nemesis, result: Inflicted): Promise<boolean> {
  try {
    await nemesis.invoke(ctx.cluster, plan);
    ctx.history.record({ process: "nemesis", type: "ok", f: "fault", value: { index: plan.index, targets: plan.targets } });
    return true;
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    ctx.history.record({ process: "nemesis", type: "fail", f: "fault", value: { index: plan.index, error: errorMessage(error) } });
    result.harnessFailed = true;
    result.checks.push({ name: "fault invoked", verdict: "unknown", detail: `the harness could not inflict the fault: ${errorMessage(error)}` });
    return false;
  }
}

async function lift(ctx: IterationContext, plan: FaultPlan, recover: NonNullable<Nemesis["recover"]>, result: Inflicted): Promise<void> {
  const atMs = performance.now();
  ctx.history.record({ process: "nemesis", type: "invoke", f: "recover", value: { index: plan.index, kind: plan.kind } });
  try {
    await recover(ctx.cluster, plan);
    ctx.history.record({ process: "nemesis", type: "ok", f: "recover", value: { index: plan.index } });
    result.recoveredAtMs = atMs;
  } catch (error) {
    ctx.history.record({ process: "nemesis", type: "fail", f: "recover", value: { index: plan.index, error: errorMessage(error) } });
    result.harnessFailed = true;
    result.checks.push({ name: "fault lifted", verdict: "unknown", detail: `the harness could not lift the fault: ${errorMessage(error)}` });
  }
}
