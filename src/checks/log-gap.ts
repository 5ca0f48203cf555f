import type { NodeObservation } from "../probe/observe-node.js";
import { loggedSince } from "./event-time.js";

/** The span of a fault in which a target's event log may begin anew: its VM was killed or restarted by the fault. */
export interface RestartSpan {
  fromMs: number;
  untilMs: number;
  restarts(node: string): boolean;
}

/**
 * Why a node's event log cannot tell everything from `fromMs` on, if it
 * cannot: it lost events to its cap, or it began later (its VM restarted,
 * its recorder started late), unless it began anew with a VM the fault
 * restarted. A gap makes a verdict over the log unknown, never a pass.
 */
export function logGap(o: NodeObservation, fromMs: number, fault: RestartSpan | undefined, timeOf: (atMs: number) => string): string | undefined {
  if (o.status !== "ok" || !o.views) return `${o.node}: no event log to read${o.status !== "ok" ? ` (${o.status}: ${o.reason ?? ""})` : ""}`;
  const { startedAtMs, lostUntilMs } = o.views;
  if (lostUntilMs !== null && lostUntilMs >= fromMs) return `${o.node}: its event log overflowed its cap and lost events up to ${timeOf(lostUntilMs)}`;
  const restarted = fault?.restarts(o.node) && loggedSince(startedAtMs, fault.fromMs) && startedAtMs <= fault.untilMs;
  if (startedAtMs > fromMs && !restarted) return `${o.node}: its event log began at ${timeOf(startedAtMs)}, after the window began at ${timeOf(fromMs)}`;
  return undefined;
}
