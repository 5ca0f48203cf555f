import type { NodeObservation } from "../probe/observe-node.js";
import type { NodeInfo } from "../probe/replies.js";
import type { FaultExpectation } from "./fault-expectation.js";
import { sameIncarnation } from "./incarnations.js";
import { fromProblems, type CheckResult } from "./verdict.js";

/**
 * The fault hit only its targets: every node that was not meant to restart
 * still runs the incarnation it ran before, and the engine restarted exactly
 * the containers the fault crashed, once each, and those it may have taken
 * down at most once (counted from the engine's own restarts since before the
 * fault, which the harness's starts do not touch).
 */
export function checkNoCascade(
  expectation: FaultExpectation,
  after: readonly NodeObservation[],
  before: ReadonlyMap<string, NodeInfo>,
  engineRestarts: Readonly<Record<string, number>>,
): CheckResult {
  const problems: string[] = [];
  for (const [node, was] of before) {
    if (expectation.reincarnated.includes(node) || expectation.mayReincarnate?.includes(node)) continue;
    const now = after.find((o) => o.node === node)?.info;
    if (now && !sameIncarnation(was, now)) {
      problems.push(`${node} restarted though the fault did not target it (creation ${was.creation} -> ${now.creation}, os pid ${was.osPid} -> ${now.osPid})`);
    }
  }
  for (const [node, count] of Object.entries(engineRestarts)) {
    if (expectation.restartedByEngine.includes(node)) {
      if (count === 0) problems.push(`the engine did not restart ${node}, expected once`);
      else if (count > 1) problems.push(`the engine restarted ${node} ${count} times, expected once`);
    } else if (expectation.mayReincarnate?.includes(node)) {
      if (count > 1) problems.push(`the engine restarted ${node} ${count} times, at most once expected`);
    } else if (count > 0) {
      problems.push(`the engine restarted ${node} ${count === 1 ? "once" : `${count} times`} though the fault did not crash it`);
    }
  }
  return fromProblems("no cascade", problems, "only the targets restarted, each as often as expected");
}
