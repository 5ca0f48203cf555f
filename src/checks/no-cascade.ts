import type { NodeObservation } from "../probe/observe-node.js";
import type { NodeInfo } from "../probe/protocol.js";
import type { FaultExpectation } from "./fault-expectation.js";
import { sameIncarnation } from "./incarnations.js";
import { fromProblems, type CheckResult } from "./verdict.js";

/**
 * The fault hit only its targets: every node that was not meant to restart
 * still runs the incarnation it ran before, and the engine restarted exactly
 * the containers the fault crashed, once each.
 */
export function checkNoCascade(
  expectation: FaultExpectation,
  after: readonly NodeObservation[],
  before: ReadonlyMap<string, NodeInfo>,
  restarts: { before: Readonly<Record<string, number>>; after: Readonly<Record<string, number>> },
): CheckResult {
  const problems: string[] = [];
  for (const [node, was] of before) {
    if (expectation.reincarnated.includes(node)) continue;
    const now = after.find((o) => o.node === node)?.info;
    if (now && !sameIncarnation(was, now)) {
      problems.push(`${node} restarted though the fault did not target it (creation ${was.creation} -> ${now.creation}, os pid ${was.osPid} -> ${now.osPid})`);
    }
  }
  for (const [node, count] of Object.entries(restarts.after)) {
    const expected = (restarts.before[node] ?? 0) + (expectation.restartedByEngine.includes(node) ? 1 : 0);
    if (count !== expected) problems.push(`the engine restarted ${node} ${count - (restarts.before[node] ?? 0)} times, expected ${expected - (restarts.before[node] ?? 0)}`);
  }
  return fromProblems("no cascade", problems, "only the targets restarted, each as often as expected");
}
