import type { NodeObservation } from "../probe/observe-node.js";
import { logGap, type RestartSpan } from "./log-gap.js";
import { layerLabel, settleMs, type ViewLayer } from "./view-settle.js";
import { stateAt, timelineOf, type ViewState } from "./view-timeline.js";
import { fromProblems, listSome, type CheckResult } from "./verdict.js";

/** Two connected nodes whose views of a layer differed, from one moment until another (monotonic ms). */
export interface Disagreement {
  layer: ViewLayer;
  nodes: readonly [string, string];
  fromMs: number;
  untilMs: number;
}

/** What a fault explains, from its start until the cluster healed from it: views it separated, and event logs it ended with their VM. */
export interface FaultSpan extends RestartSpan {
  separates(a: string, b: string): boolean;
}

export const VIEWS_AGREE = "views agreed between looks";

/**
 * Connected nodes' views agreed between the looks, as each node's own log
 * tells: a pg scope's members, global's names or Mnesia's running db nodes
 * that differed between two connected nodes for longer than the layer's
 * settle time fail, naming the layer, the nodes and when. Churn with views
 * that agree passes. While a fault lasts, the nodes it separates may
 * disagree; before it began and once it healed, they have the settle time. A node without a log,
 * or whose log began or lost events after the window began, makes the
 * verdict unknown (unless its log began anew with the VM a fault restarted).
 */
export function checkViewsAgree(
  observations: readonly NodeObservation[],
  window: { fromMs: number; untilMs: number },
  fault: FaultSpan | undefined,
  timeOf: (atMs: number) => string,
): CheckResult {
  const gaps: string[] = [];
  const timelines = new Map<string, ViewState[]>();
  for (const o of observations) {
    const gap = logGap(o, window.fromMs, fault, timeOf);
    if (gap) gaps.push(gap);
    else timelines.set(o.node, timelineOf(o.views!, o.events ?? [], window.fromMs));
  }
  const found = disagreements(timelines, window.untilMs);
  const longest = new Map<ViewLayer, number>();
  const problems: string[] = [];
  for (const d of found) {
    const [a, b] = d.nodes;
    for (const { fromMs, untilMs } of unexcused(d, fault)) {
      const lastedMs = untilMs - fromMs;
      if (lastedMs <= 0) continue;
      longest.set(d.layer, Math.max(longest.get(d.layer) ?? 0, lastedMs));
      if (lastedMs > settleMs(d.layer)) {
        problems.push(`${layerLabel(d.layer)}: ${a} and ${b} disagreed for ${Math.round(lastedMs)} ms from ${timeOf(fromMs)} (it settles within ${settleMs(d.layer)} ms)`);
      }
    }
  }
  if (problems.length) return fromProblems(VIEWS_AGREE, problems, "");
  if (gaps.length) return { name: VIEWS_AGREE, verdict: "unknown", detail: gaps.join("; ") };
  const layers = [...new Set([...timelines.values()].flatMap((t) => t.flatMap((s) => [...s.views.keys()])))].sort();
  const measured = layers.map((l) => `${layerLabel(l)} ${Math.round(longest.get(l) ?? 0)} ms`);
  return { name: VIEWS_AGREE, verdict: "pass", detail: `${timelines.size} nodes' views agreed within their settle times; longest disagreement: ${listSome(measured, 8) || "none"}` };
}

/**
 * The parts of a disagreement that no fault explains: for nodes the fault
 * separates, what lies before the fault began and after it healed, each on
 * its own (a view that changed just before a node was paused had not yet
 * had its settle time when the pause froze it). Otherwise the whole stretch.
 */
function unexcused(d: Disagreement, fault: FaultSpan | undefined): { fromMs: number; untilMs: number }[] {
  const overlaps = fault && fault.separates(d.nodes[0], d.nodes[1]) && d.fromMs <= fault.untilMs && d.untilMs >= fault.fromMs;
  if (!overlaps) return [d];
  return [
    { fromMs: d.fromMs, untilMs: Math.min(d.untilMs, fault.fromMs) },
    { fromMs: Math.max(d.fromMs, fault.untilMs), untilMs: d.untilMs },
  ];
}

/** Every stretch in which two nodes connected to each other held different views of a layer both run. */
export function disagreements(timelines: ReadonlyMap<string, readonly ViewState[]>, untilMs: number): Disagreement[] {
  const nodes = [...timelines.keys()].sort();
  const found: Disagreement[] = [];
  for (const [i, a] of nodes.entries()) {
    for (const b of nodes.slice(i + 1)) {
      const [ta, tb] = [timelines.get(a)!, timelines.get(b)!];
      const moments = [...new Set([...ta, ...tb].map((s) => s.atMs))].filter((t) => t < untilMs).sort((x, y) => x - y);
      const open = new Map<ViewLayer, number>();
      const close = (layer: ViewLayer, atMs: number) => {
        found.push({ layer, nodes: [a, b], fromMs: open.get(layer)!, untilMs: atMs });
        open.delete(layer);
      };
      for (const atMs of moments) {
        const [sa, sb] = [stateAt(ta, atMs), stateAt(tb, atMs)];
        const differing = new Set<ViewLayer>();
        if (sa && sb && sa.peers.has(b) && sb.peers.has(a)) {
          for (const [layer, digest] of sa.views) {
            const other = sb.views.get(layer);
            if (digest !== null && other !== null && other !== undefined && digest !== other) differing.add(layer);
          }
        }
        for (const layer of [...open.keys()]) if (!differing.has(layer)) close(layer, atMs);
        for (const layer of differing) if (!open.has(layer)) open.set(layer, atMs);
      }
      for (const layer of [...open.keys()]) close(layer, untilMs);
    }
  }
  return found.sort((x, y) => x.fromMs - y.fromMs);
}
