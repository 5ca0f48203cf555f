import type { NodeObservation } from "../probe/observe-node.js";
import type { NodeInfo } from "../probe/protocol.js";
import { sameIncarnation } from "./incarnations.js";
import { fromProblems, type CheckResult } from "./verdict.js";

/**
 * The fault hit only its targets: every survivor still runs the incarnation
 * it ran before, and the survivors are still connected to each other.
 */
export function checkNoCascade(
  observations: readonly NodeObservation[],
  before: ReadonlyMap<string, NodeInfo>,
  survivors: readonly string[],
): CheckResult {
  const problems: string[] = [];
  for (const node of survivors) {
    const seen = observations.find((o) => o.node === node);
    const was = before.get(node);
    if (!seen || seen.status !== "ok" || !seen.info || !seen.mesh) {
      problems.push(`${node} did not answer (${seen ? `${seen.status}: ${seen.reason}` : "not probed"})`);
      continue;
    }
    if (was && !sameIncarnation(was, seen.info)) {
      problems.push(`${node} restarted (creation ${was.creation} -> ${seen.info.creation}, os pid ${was.osPid} -> ${seen.info.osPid})`);
    }
    const lost = survivors.filter((peer) => peer !== node && !seen.mesh!.includes(peer));
    if (lost.length) problems.push(`${node} lost survivor ${lost.join(", ")}`);
  }
  return fromProblems("no cascade", problems, `${survivors.length} survivors kept their incarnation and their connections`);
}
