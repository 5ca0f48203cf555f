import { checkNoUnexpectedDisconnect, type Disconnect } from "../../checks/disconnects.js";
import { loggedSince } from "../../checks/event-time.js";
import { checkViewsAgree } from "../../checks/view-agreement.js";
import type { CheckResult } from "../../checks/verdict.js";
import { timeOfDay } from "../../clock.js";
import type { FaultExpectation, FaultPlan } from "../../faults/index.js";
import { observeRecorded, type IterationContext } from "./iteration-context.js";

/**
 * Phase 7: the heal held at full resolution. Every node's event log since
 * the last judgement is read. Each failure signal (nodedown, mnesia_down,
 * inconsistent_database) must be explained by this fault: between its start
 * and the heal, and between nodes it separated (a target, a link it cuts, or
 * any link for a fault noticed through the tick, since OTP's
 * prevent_overlapping_partitions may cut more). And connected nodes' views
 * must have agreed between the looks, but where the fault separated them
 * (any two, for a fault that takes nodes away) until the heal. Returns when the judged window ends, where the next one begins.
 */
export async function heldWithoutDisconnects(
  ctx: IterationContext,
  fault: { plan: FaultPlan; expectation: FaultExpectation; faultAtMs: number; healedAtMs: number },
  sinceMs: number,
): Promise<{ checks: CheckResult[]; untilMs: number }> {
  const { plan, expectation, faultAtMs, healedAtMs } = fault;
  const untilMs = performance.now();
  const observations = await observeRecorded(ctx, ctx.cluster.nodeNames, { eventsSinceMs: sinceMs, views: true });
  const separates = (observer: string, lost: string) =>
    expectation.othersMayDisconnect ||
    plan.targets.includes(observer) ||
    plan.targets.includes(lost) ||
    expectation.lostLinks.some((link) => link.observer === observer && link.lost === lost);
  const explains = (d: Disconnect) => loggedSince(d.atMs, faultAtMs) && d.atMs <= healedAtMs && separates(d.observer, d.lost);
  const window = { fromMs: sinceMs, untilMs };
  // a fault that takes nodes away changes every node's view of them as each notices it and as each reconnects (a
  // restarted node's members reach its peers as each connects to it): until the heal, any two may disagree
  const takesNodesAway = expectation.othersMayDisconnect || expectation.lostLinks.length > 0 || expectation.reincarnated.length > 0;
  const viewsSeparated = (a: string, b: string) => takesNodesAway || separates(a, b) || separates(b, a);
  const span = { fromMs: faultAtMs, untilMs: healedAtMs, separates: viewsSeparated, restarts: (node: string) => plan.targets.includes(node) };
  return {
    checks: [checkNoUnexpectedDisconnect(observations, window, explains, timeOfDay, span), checkViewsAgree(observations, window, span, timeOfDay)],
    untilMs,
  };
}
