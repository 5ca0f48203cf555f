import type { PingResult } from "../probe/replies.js";
import { fromProblems, listSome, type CheckResult } from "./verdict.js";

export interface PingRow {
  from: string;
  /** Undefined when the node's probe did not answer. */
  results?: PingResult[];
  reason?: string;
}

/**
 * Reachability from the ping matrix: every node pings every other one (every
 * other row's node) and gets pong. Pings connect, so this runs only after the
 * mesh was judged by observation, and its verdict is reported apart.
 */
export function checkReachability(rows: readonly PingRow[]): CheckResult {
  const problems: string[] = [];
  for (const row of rows) {
    if (!row.results) {
      problems.push(`${row.from} could not ping (${row.reason})`);
      continue;
    }
    const pang = row.results.filter((r) => !r.pong).map((r) => r.peer);
    if (pang.length) problems.push(`${row.from} gets pang from ${listSome(pang)}`);
    const unpinged = rows.filter((peer) => peer.from !== row.from && !row.results!.some((r) => r.peer === peer.from));
    if (unpinged.length) problems.push(`${row.from} did not ping ${listSome(unpinged.map((peer) => peer.from))}`);
  }
  return fromProblems("reachability", problems, `all ${rows.length} nodes answer pong to each other`);
}
