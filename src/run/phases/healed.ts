import { judgeHealthy, type Health } from "../../checks/healthy.js";
import type { CheckResult } from "../../checks/verdict.js";
import type { NodeObservation } from "../../probe/observe-node.js";
import { explainDeadline, pollUntil } from "../../poll.js";
import { observeRecorded, type IterationContext } from "./iteration-context.js";

export interface Healed {
  checks: CheckResult[];
  health: Health;
  observations: NodeObservation[];
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

/** Phase 5: the cluster heals by itself (nobody pings or connects for it), within the heal deadline. */
export async function healed(ctx: IterationContext, iteration: number, recoveredAtMs: number): Promise<Healed> {
  const { cluster, deadlines, history, signal } = ctx;
  const nodes = cluster.nodeNames;
  const result = await pollUntil(
    () => observeRecorded(ctx, nodes),
    (obs) => judgeHealthy(obs, nodes, cluster.options.pgGroups, { mesh: "mesh healed", pg: "pg converged" }),
    { deadlineMs: deadlines.healMs, stableForMs: deadlines.stableMs, signal },
  );
  const checks = explainDeadline(result.checks, "not healed by itself", deadlines.healMs);
  if (!result.passed) return { checks, health: result.checks, observations: result.value };
  const heal = { atMs: result.atMs, healMs: result.atMs - recoveredAtMs, resolutionMs: Math.round(result.atMs - result.previousAtMs) };
  history.record({ process: "checker", type: "info", f: "healed", value: { iteration, healMs: heal.healMs, resolutionMs: heal.resolutionMs } });
  return { checks, health: result.checks, observations: result.value, heal };
}
