import { baselineOf, judgeHealthy, type Baseline, type Health } from "../../checks/healthy.js";
import type { CheckResult } from "../../checks/verdict.js";
import type { NodeObservation } from "../../probe/observe-node.js";
import { explainDeadline, pollUntil } from "../../poll.js";
import { expectations, observeRecorded, type IterationContext } from "./iteration-context.js";

export interface HealthyBefore {
  passed: boolean;
  checks: CheckResult[];
  health: Health;
  observations: NodeObservation[];
  /** What the cluster ran when whole: the layers and pg scopes a heal must bring back. */
  baseline: Baseline;
}

/**
 * Phase 1: the cluster is whole before the fault, every layer found on it
 * converged (within the heal deadline), and no node reported Mnesia
 * inconsistent since the last heal; what it looked like then.
 */
export async function healthyBefore(ctx: IterationContext, eventsSinceMs: number): Promise<HealthyBefore> {
  const { cluster, deadlines, signal } = ctx;
  const nodes = cluster.nodeNames;
  const before = await pollUntil(
    () => observeRecorded(ctx, nodes, { eventsSinceMs, syncGlobal: true }),
    (obs) => judgeHealthy(obs, nodes, expectations(ctx)),
    { deadlineMs: deadlines.healMs, stableForMs: deadlines.stableMs, signal },
  );
  const checks = explainDeadline(before.checks, "not healthy", deadlines.healMs).map((c) => ({ ...c, name: `healthy before fault: ${c.name}` }));
  return { passed: before.passed, checks, health: before.checks, observations: before.value, baseline: baselineOf(before.checks, before.value) };
}
