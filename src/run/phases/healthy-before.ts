import { judgeHealthy } from "../../checks/healthy.js";
import type { CheckResult } from "../../checks/verdict.js";
import type { NodeObservation } from "../../probe/observe-node.js";
import { explainDeadline, pollUntil } from "../../poll.js";
import { observeRecorded, type IterationContext } from "./iteration-context.js";

/** Phase 1: the cluster is whole before the fault (within the heal deadline); what it looked like then. */
export async function healthyBefore(ctx: IterationContext): Promise<{ passed: boolean; checks: CheckResult[]; observations: NodeObservation[] }> {
  const { cluster, deadlines, signal } = ctx;
  const nodes = cluster.nodeNames;
  const before = await pollUntil(() => observeRecorded(ctx, nodes), (obs) => judgeHealthy(obs, nodes, cluster.options.pgGroups), {
    deadlineMs: deadlines.healMs,
    stableForMs: deadlines.stableMs,
    signal,
  });
  const checks = explainDeadline(before.checks, "not healthy", deadlines.healMs).map((c) => ({ ...c, name: `healthy before fault: ${c.name}` }));
  return { passed: before.passed, checks, observations: before.value };
}
