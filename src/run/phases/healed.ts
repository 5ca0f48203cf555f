import { judgeHealthy, type Baseline, type Health } from "../../checks/healthy.js";
import type { Layer } from "../../checks/layer.js";
import type { CheckResult } from "../../checks/verdict.js";
import type { NodeObservation } from "../../probe/observe-node.js";
import { explainDeadline, pollUntil } from "../../poll.js";
import { expectations, observeRecorded, type IterationContext } from "./iteration-context.js";

export interface Healed {
  checks: CheckResult[];
  health: Health;
  observations: NodeObservation[];
  /** Each layer converged at the last look: the recovery to the start of its unbroken run of passing looks. */
  layerHealMs: Partial<Record<Layer, number>>;
  /** Undefined if it never healed. */
  heal?: {
    /** When the first look of the stretch that held arrived (monotonic ms). */
    atMs: number;
    /** The recovery to that look. */
    healMs: number;
    /** How precise healMs is: the time since the look before it. */
    resolutionMs: number;
  };
}

/**
 * Phase 5: the cluster heals by itself (nobody pings or connects for it),
 * within the heal deadline: every layer it ran before the fault converged
 * again, and no node reported Mnesia inconsistent since the last heal.
 */
export async function healed(
  ctx: IterationContext,
  fault: { iteration: number; recoveredAtMs: number; eventsSinceMs: number; before: Baseline },
): Promise<Healed> {
  const { cluster, deadlines, history, signal } = ctx;
  const nodes = cluster.nodeNames;
  const result = await pollUntil(
    () => observeRecorded(ctx, nodes, { eventsSinceMs: fault.eventsSinceMs, syncGlobal: true }),
    (obs) => judgeHealthy(obs, nodes, expectations(ctx, fault.before), { mesh: "mesh healed" }),
    { deadlineMs: deadlines.healMs, stableForMs: deadlines.stableMs, signal },
  );
  const layerHealMs = Object.fromEntries(
    Object.entries(result.passingSinceMs).map(([layer, sinceMs]) => [layer, Math.max(0, Math.round(sinceMs! - fault.recoveredAtMs))]),
  ) as Partial<Record<Layer, number>>;
  const checks = explainDeadline(result.checks, "not healed by itself", deadlines.healMs);
  if (!result.passed) return { checks, health: result.checks, observations: result.value, layerHealMs };
  const heal = { atMs: result.atMs, healMs: result.atMs - fault.recoveredAtMs, resolutionMs: Math.round(result.atMs - result.previousAtMs) };
  history.record({ process: "checker", type: "info", f: "healed", value: { iteration: fault.iteration, healMs: heal.healMs, resolutionMs: heal.resolutionMs, layers: layerHealMs } });
  return { checks, health: result.checks, observations: result.value, layerHealMs, heal };
}
