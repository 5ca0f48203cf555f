import { checkNoUnexpectedDisconnect, type Disconnect } from "../../checks/disconnects.js";
import { loggedSince } from "../../checks/event-time.js";
import type { CheckResult } from "../../checks/verdict.js";
import { timeOfDay } from "../../clock.js";
import type { FaultExpectation, FaultPlan } from "../../faults/index.js";
import { observeRecorded, type IterationContext } from "./iteration-context.js";

/**
 * Phase 7: the heal held at full resolution. Every node's nodedown events
 * since the last judgement are read, and each must be explained by this
 * fault: between its start and the heal, and between nodes it separated (a
 * target, a link it cuts, or any link for a fault noticed through the tick,
 * since OTP's prevent_overlapping_partitions may cut more). Returns when the judged
 * window ends, where the next one begins.
 */
export async function heldWithoutDisconnects(
  ctx: IterationContext,
  fault: { plan: FaultPlan; expectation: FaultExpectation; faultAtMs: number; healedAtMs: number },
  sinceMs: number,
): Promise<{ check: CheckResult; untilMs: number }> {
  const { plan, expectation, faultAtMs, healedAtMs } = fault;
  const untilMs = performance.now();
  const observations = await observeRecorded(ctx, ctx.cluster.nodeNames, { eventsSinceMs: sinceMs });
  const separated = (d: Disconnect) =>
    expectation.othersMayDisconnect ||
    plan.targets.includes(d.observer) ||
    plan.targets.includes(d.lost) ||
    expectation.lostLinks.some((link) => link.observer === d.observer && link.lost === d.lost);
  const explains = (d: Disconnect) => loggedSince(d.atMs, faultAtMs) && d.atMs <= healedAtMs && separated(d);
  const check = checkNoUnexpectedDisconnect(observations, { fromMs: sinceMs, untilMs }, explains, timeOfDay);
  return { check, untilMs };
}
