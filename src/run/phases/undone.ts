import { fromProblems, type CheckResult } from "../../checks/verdict.js";
import type { FaultPlan, Nemesis } from "../../faults/index.js";
import { explainDeadline, pollUntil } from "../../poll.js";
import type { IterationContext } from "./iteration-context.js";

/**
 * After the layers healed: what the fault's recovery must have restored
 * beyond them (epmd knowing the node again, so that a fresh connection to it
 * succeeds), within the heal deadline. Undefined for faults that ask nothing more.
 * A pass says when it was first seen back after the recovery (`recoveredAtMs`):
 * an upper bound, as it is asked only once the layers healed and held.
 */
export async function faultUndone(ctx: IterationContext, plan: FaultPlan, nemesis: Nemesis, recoveredAtMs: number): Promise<CheckResult | undefined> {
  const { undone } = nemesis;
  if (!undone) return undefined;
  const result = await pollUntil(
    () => undone(ctx.cluster, plan),
    (problems) => ({ undone: fromProblems("fault undone", problems, "what the fault took is back") }),
    { deadlineMs: ctx.deadlines.healMs, intervalMs: 250, signal: ctx.signal },
  );
  const [check] = explainDeadline(result.checks, "not back", ctx.deadlines.healMs);
  if (!result.passed) return check;
  return { ...check!, detail: `${check!.detail}, seen ${((result.atMs - recoveredAtMs) / 1000).toFixed(1)} s after the fault was lifted` };
}
