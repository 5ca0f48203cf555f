import type { NodeObservation } from "../probe/observe-node.js";
import { EVENT_RESOLUTION_MS } from "./event-time.js";
import { logGap, type RestartSpan } from "./log-gap.js";
import { fromProblems, listSome, type CheckResult } from "./verdict.js";

/**
 * One node's own record of a failure signal about another: a nodedown (its
 * connection lost), Mnesia's mnesia_down (Mnesia there gone) or
 * inconsistent_database (Mnesia ran on both sides of a partition).
 */
export interface Disconnect {
  kind: "nodedown" | "mnesia_down" | "inconsistent_database";
  observer: string;
  lost: string;
  /** On the run's monotonic timeline. */
  atMs: number;
  reason: string;
}

/**
 * Whether an event falls in [fromMs, untilMs), judged by the latest moment it
 * may have happened: consecutive windows then share no event and miss none,
 * even one logged in the very millisecond a window ends.
 */
function inWindow(atMs: number, window: { fromMs: number; untilMs: number }): boolean {
  const latest = atMs + EVENT_RESOLUTION_MS;
  return latest > window.fromMs && latest <= window.untilMs;
}

/**
 * No unexpected disconnect: every failure signal any node recorded in
 * [fromMs, untilMs) (nodedown, mnesia_down, inconsistent_database) is
 * explained by a fault. Sweeps of nodes() see a moment; a node that drops a
 * connection and dials again between two sweeps shows up only here, in the
 * nodes' own event logs. A node without an event log, or whose log has a
 * gap in the window (see logGap; `restarted`: the fault whose restarts
 * excuse one), makes the verdict unknown: absence of evidence is not a pass.
 */
export function checkNoUnexpectedDisconnect(
  observations: readonly NodeObservation[],
  window: { fromMs: number; untilMs: number },
  explains: (disconnect: Disconnect) => boolean,
  timeOf: (atMs: number) => string,
  restarted?: RestartSpan,
): CheckResult {
  const name = "no unexpected disconnect";
  const unheard = observations.filter((o) => o.status !== "ok" || !o.events).map((o) => o.node);
  const gaps = observations.flatMap((o) => (o.status === "ok" && o.events && o.views ? [logGap(o, window.fromMs, restarted, timeOf)].filter((g) => g !== undefined) : []));
  const disconnects = observations.flatMap((o) =>
    (o.events ?? []).flatMap((e): Disconnect[] =>
      e.kind !== "nodeup" && e.kind !== "restarted" && inWindow(e.atMs, window) ? [{ kind: e.kind, observer: o.node, lost: e.node, atMs: e.atMs, reason: e.reason }] : [],
    ),
  );
  const unexplained = disconnects.filter((d) => !explains(d)).sort((a, b) => a.atMs - b.atMs);
  const problems = unexplained.map((d) => `${signalText(d, timeOf)}, which no fault explains`);
  if (problems.length === 0 && unheard.length) {
    return { name, verdict: "unknown", detail: `no node event log to read on ${listSome(unheard)}` };
  }
  if (problems.length === 0 && gaps.length) return { name, verdict: "unknown", detail: gaps.join("; ") };
  const seen = disconnects.length - unexplained.length;
  const kinds = [...new Set(disconnects.map((d) => d.kind))];
  const counted = kinds.length === 1 && kinds[0] === "nodedown" ? "nodedowns" : `signals (${kinds.join(", ")})`;
  return fromProblems(name, problems, seen ? `each of ${seen} ${counted} came from a fault` : "no node lost another");
}

function signalText(d: Disconnect, timeOf: (atMs: number) => string): string {
  const at = timeOf(d.atMs);
  if (d.kind === "mnesia_down") return `Mnesia: ${d.observer} saw mnesia_down of ${d.lost} at ${at}`;
  if (d.kind === "inconsistent_database") return `Mnesia: ${d.observer} reported inconsistent_database (${d.reason}) about ${d.lost} at ${at}`;
  return `${d.observer} lost ${d.lost} at ${at} (${d.reason})`;
}
