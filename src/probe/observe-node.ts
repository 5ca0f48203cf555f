import { monotonicFromWall, wallFromMonotonic as wallOf } from "../clock.js";
import { type ProbeAnswer } from "./protocol.js";
import type { AgentEvent, ViewLog, GlobalView, InvariantValue, MnesiaView, NodeInfo, PgView } from "./replies.js";
import { parseReply, type ProbeRequest } from "./ops.js";
import type { ProbeOutcome, ProbeStatus } from "./probe-outcome.js";

/** What one node said about itself at one moment: plain data for the checks. */
export interface NodeObservation {
  node: string;
  status: ProbeStatus;
  reason?: string;
  info?: NodeInfo;
  /** The node's own nodes(): who it is connected to, as it sees it. */
  mesh?: string[];
  /** Every pg scope found on the node. */
  pg?: PgView[];
  global?: GlobalView;
  /** null: Mnesia does not run on the node. */
  mnesia?: MnesiaView | null;
  /** The invariants' values, in the order asked. */
  invariants?: InvariantValue[];
  /** The node's events (its agent's or recorder's) since the time asked for, `atMs` on the run's monotonic timeline. */
  events?: AgentEvent[];
  /** What the node's log says of its views since the time asked for (times on the run's monotonic timeline). */
  views?: ViewLog;
  /** Monotonic time (performance.now()) when the answer arrived. */
  atMs: number;
}

export interface ObserveOptions {
  /** Also fetch the node's events (its agent's or recorder's) since this monotonic time. */
  eventsSinceMs?: number | undefined;
  /** With the events, also the changes of the node's views (what judges the time between looks). */
  views?: boolean | undefined;
  /** Erlang expressions to evaluate on the node. */
  invariants?: readonly string[] | undefined;
  /** Also time global:sync() (pointless while a fault splits the cluster, where it may wait out its deadline). */
  syncGlobal?: boolean | undefined;
}

/** Asks one node for its identity, its mesh view and every layer above it (and its events), in one round trip. */
export async function observeNode(
  ask: (requests: ProbeRequest[]) => Promise<ProbeOutcome>,
  node: string,
  options: ObserveOptions = {},
): Promise<NodeObservation> {
  const requests: ProbeRequest[] = [{ op: "info" }, { op: "mesh" }, { op: "layers", sync: options.syncGlobal ?? false, invariants: [...(options.invariants ?? [])] }];
  if (options.eventsSinceMs !== undefined) {
    requests.push({ op: options.views ? "views" : "events", sinceMs: Math.floor(wallOf(options.eventsSinceMs)) });
  }
  const outcome = await ask(requests);
  const atMs = performance.now();
  if (outcome.status !== "ok") return { node, status: outcome.status, reason: outcome.reason ?? "", atMs };
  const info = parseReply("info", resultOf(outcome.answers, "info"));
  const mesh = parseReply("mesh", resultOf(outcome.answers, "mesh"));
  const layers = parseReply("layers", resultOf(outcome.answers, "layers"));
  const events = options.eventsSinceMs === undefined ? undefined : parseReply("events", resultOf(outcome.answers, options.views ? "views" : "events"));
  if (!info.success || !mesh.success || !layers.success || events?.success === false) {
    return { node, status: "crashed", reason: `probe answered in an unexpected shape: ${JSON.stringify(outcome.answers).slice(0, 300)}`, atMs };
  }
  const { pg, global, mnesia, invariants } = layers.data;
  const observation: NodeObservation = { node, status: "ok", info: info.data, mesh: mesh.data, pg, global, mnesia, invariants, atMs };
  if (events?.data) {
    const { signals, log } = events.data;
    observation.events = signals.map((e) => ({ ...e, atMs: monotonicFromWall(e.atMs) }));
    observation.views = {
      startedAtMs: monotonicFromWall(log.startedAtMs),
      lostUntilMs: log.lostUntilMs === null ? null : monotonicFromWall(log.lostUntilMs),
      atStart: log.atStart,
      changes: log.changes.map((c) => ({ ...c, atMs: monotonicFromWall(c.atMs) })),
    };
  }
  return observation;
}

function resultOf(answers: ProbeAnswer[], op: string): unknown {
  const answer = answers.find((a) => a.op === op);
  return answer?.ok ? answer.result : undefined;
}
