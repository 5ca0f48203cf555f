import type { Report } from "../report-schema.js";
import type { Op } from "../../history/events.js";
import { variantOf } from "../../faults/index.js";
import { layerLanes, type LayerLane } from "./layer-lanes.js";
import { pushChange, type Step } from "./steps.js";

/**
 * How many peers a node is connected to (its own nodes()), or why that is not
 * known: its probe did not answer, or the harness did not ask it (a node that
 * is down or paused on purpose is left out, so its last answer is stale).
 */
export type PeerCount = number | "no answer" | "not asked";

export interface NodePeers {
  node: string;
  steps: Step<PeerCount>[];
}

/** pg members of one group as the nodes that answered their latest probe see them: the lowest and highest count; null while none did. */
export interface PgGroupSeries {
  group: string;
  /** Members of a whole, converged cluster: members per node times nodes; null if the scenario does not say. */
  expected: number | null;
  steps: Step<{ min: number; max: number } | null>[];
}

export interface FaultInterval {
  index: number;
  kind: string;
  targets: string[];
  shape?: string;
  /** For people: "#1 kill app@n5", "#4 partition bridge". */
  label: string;
  startMs: number;
  endMs: number;
  /** How the end is known: the harness lifted it, the cluster healed (nobody lifts a crash or a swarm kill), or the history ended first. */
  end: "lifted" | "healed" | "open";
}

/** The checker's judgement that a fault was noticed, or that the cluster healed from it. */
export interface Marker {
  kind: "detected" | "healed";
  iteration: number;
  timeMs: number;
  /** detectMs or healMs as the checker measured it. */
  ms: number;
}

/** A check whose verdict is not pass, when the checker recorded it; iteration null for the run's own checks. */
export interface FailedCheck {
  name: string;
  verdict: "fail" | "unknown";
  detail: string;
  iteration: number | null;
  timeMs: number;
}

export interface HistorySeries {
  /** The last operation's time: the timeline runs from 0 to here. */
  endMs: number;
  /** A full mesh: every other node. */
  maxPeers: number;
  peers: NodePeers[];
  pg: PgGroupSeries[];
  faults: FaultInterval[];
  markers: Marker[];
  failedChecks: FailedCheck[];
  /** One lane per layer: each iteration from its fault to the layer's heal. */
  layers: LayerLane[];
}

/**
 * What happened when, as plain series on the run's timeline (ms): each node's
 * connected peers, pg member counts, fault intervals, detect and heal markers,
 * the failed checks, and each layer's way back. Pure: the history and the
 * report in, data out.
 */
export function historySeries(history: readonly Op[], report: Report): HistorySeries {
  const nodes = report.nodes.map((n) => n.name);
  // a loop, not Math.max(...): a long run's history has more operations than a call has room for arguments
  const endMs = history.reduce((end, op) => Math.max(end, op.timeMs), 0);
  const faults = faultIntervals(history, endMs);
  const marks = markers(history);
  return {
    endMs,
    maxPeers: Math.max(0, nodes.length - 1),
    peers: peerSeries(history, nodes),
    pg: pgSeries(history, nodes, report.scenario.cluster.pgGroups),
    faults,
    markers: marks,
    failedChecks: failedChecks(history, report, endMs),
    layers: layerLanes(report, faults, marks, endMs),
  };
}

/** The nodes a probe round leaves out: the harness does not ask a node it took down or paused. */
function notAsked(op: Op, nodes: readonly string[]): string[] {
  if (op.f !== "observe" || op.type !== "invoke") return [];
  return nodes.filter((node) => !op.value.nodes.includes(node));
}

function peerSeries(history: readonly Op[], nodes: readonly string[]): NodePeers[] {
  const byNode = new Map(nodes.map((node) => [node, [] as Step<PeerCount>[]]));
  for (const op of history) {
    for (const node of notAsked(op, nodes)) pushChange(byNode.get(node)!, op.timeMs, "not asked");
    const steps = byNode.get(op.process);
    if (op.f !== "observe" || !steps) continue;
    if (op.type === "ok") {
      pushChange(steps, op.timeMs, op.value.peers.length);
    } else if (op.type === "fail") {
      pushChange(steps, op.timeMs, "no answer");
    }
  }
  return nodes.map((node) => ({ node, steps: byNode.get(node)! }));
}

function pgSeries(history: readonly Op[], nodes: readonly string[], perNode: Record<string, number>): PgGroupSeries[] {
  const groups = new Set(Object.keys(perNode));
  const known = new Set(nodes);
  // each answering node's latest count per group; a node that stops answering, or is not asked, leaves the comparison
  const latest = new Map<string, Record<string, number>>();
  const steps = new Map<string, PgGroupSeries["steps"]>();
  for (const op of history) {
    const left = notAsked(op, nodes);
    if (left.length) {
      for (const node of left) latest.delete(node);
    } else if (op.f === "observe" && known.has(op.process) && op.type === "ok") {
      latest.set(op.process, op.value.pg);
      for (const group of Object.keys(op.value.pg)) groups.add(group);
    } else if (op.f === "observe" && known.has(op.process) && op.type === "fail") {
      latest.delete(op.process);
    } else {
      continue;
    }
    for (const group of groups) {
      const counts = [...latest.values()].map((pg) => pg[group] ?? 0);
      const series = steps.get(group) ?? steps.set(group, []).get(group)!;
      pushChange(series, op.timeMs, counts.length ? { min: Math.min(...counts), max: Math.max(...counts) } : null);
    }
  }
  return [...groups].map((group) => ({
    group,
    expected: perNode[group] === undefined ? null : perNode[group] * nodes.length,
    steps: steps.get(group) ?? [],
  }));
}

function faultIntervals(history: readonly Op[], endMs: number): FaultInterval[] {
  // by fault index: when the harness began to lift it, and when the checker saw the cluster healed
  const liftedAt = new Map<number, number>();
  const healedAt = new Map<number, number>();
  for (const op of history) {
    if (op.f === "recover" && op.type === "invoke") liftedAt.set(op.value.index, op.timeMs);
    if (op.f === "healed") healedAt.set(op.value.iteration, op.timeMs);
  }
  const faults: FaultInterval[] = [];
  for (const op of history) {
    if (op.f !== "fault" || op.type !== "invoke") continue;
    const { index, kind, targets } = op.value;
    const shape = variantOf(op.value);
    const lifted = liftedAt.get(index);
    const healed = healedAt.get(index);
    const shown = shape ? `${kind} ${shape}` : targets.length <= 2 ? `${kind} ${targets.join(", ")}` : `${kind} ${targets.length} nodes`;
    faults.push({
      index,
      kind,
      targets,
      ...(shape ? { shape } : {}),
      label: `#${index} ${shown}`,
      startMs: op.timeMs,
      endMs: lifted ?? healed ?? endMs,
      end: lifted !== undefined ? "lifted" : healed !== undefined ? "healed" : "open",
    });
  }
  return faults;
}

function markers(history: readonly Op[]): Marker[] {
  return history.flatMap((op): Marker[] => {
    if (op.f === "detected") return [{ kind: "detected", iteration: op.value.iteration, timeMs: op.timeMs, ms: Math.round(op.value.detectMs) }];
    if (op.f === "healed") return [{ kind: "healed", iteration: op.value.iteration, timeMs: op.timeMs, ms: Math.round(op.value.healMs) }];
    return [];
  });
}

/** Iteration checks as the checker recorded them; the run's own checks (not in the history) at the verdict. */
function failedChecks(history: readonly Op[], report: Report, endMs: number): FailedCheck[] {
  const fromHistory = history.flatMap((op): FailedCheck[] => {
    if (op.f !== "check" || op.value.verdict === "pass") return [];
    const { name, verdict, detail, iteration } = op.value;
    return [{ name, verdict, detail, iteration, timeMs: op.timeMs }];
  });
  const verdictAtMs = history.find((op) => op.f === "verdict")?.timeMs ?? endMs;
  const runChecks = report.checks.flatMap((check): FailedCheck[] =>
    check.verdict === "pass" ? [] : [{ name: check.name, verdict: check.verdict, detail: check.detail, iteration: null, timeMs: verdictAtMs }],
  );
  return [...fromHistory, ...runChecks];
}
