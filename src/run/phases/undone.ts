import { fromProblems, type CheckResult } from "../../checks/verdict.js";
import type { FaultPlan, Nemesis } from "../../faults/index.js";
import { explainDeadline, pollUntil } from "../../poll.js";
import type { IterationContext } from "./iteration-context.js";

/**
 * After the layers healed: what the fault's recovery must have restored
 * beyond them (epmd knowing the node again, so that a fresh connection to it
 * succeeds), within the heal deadline. Undefined for faults that ask nothing more.
 */
export async function faultUndone(ctx: IterationContext, plan: FaultPlan, nemesis: Nemesis): Promise<CheckResult | undefined> {
  const { undone } = nemesis;
  if (!undone) return undefined;
  const result = await pollUntil(
    () => undone(ctx.cluster, plan),
    (problems) => ({ undone: fromProblems("fault undone", problems, "what the fault took is back") }),
    { deadlineMs: ctx.deadlines.healMs, intervalMs: 250, signal: ctx.signal },
  );
  return explainDeadline(result.checks, "not back", ctx.deadlines.healMs)[0];
}
