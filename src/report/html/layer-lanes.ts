import { LAYERS, NOT_PRESENT, type Layer, type LayerVerdict } from "../../checks/layer.js";
import type { Report } from "../report-schema.js";
import type { FaultInterval, Marker } from "./history-series.js";

/**
 * One iteration in a layer's lane: from the fault to the moment the layer
 * converged again, or to the end of the history if it never did; for a layer
 * not present, the fault's own interval.
 */
export interface LayerStretch {
  iteration: number;
  verdict: LayerVerdict;
  startMs: number;
  endMs: number;
  /** Where the fault first showed in the layer; null if it never did. */
  detectAtMs: number | null;
  /** The layer's heal time as measured (from the recovery); null if it never converged or was unchanged. */
  healMs: number | null;
  /** How precise healMs is (absent without one). */
  healResolutionMs?: number;
  /** The fault never showed in the layer: its bar ends with the fault. */
  unchanged?: true;
  /** Why the layer was not judged after the fault. */
  reason?: string;
}

export interface LayerLane {
  layer: Layer;
  /** The layer over the whole run, as report.json says. */
  verdict: LayerVerdict;
  healP50Ms: number | null;
  stretches: LayerStretch[];
}

/**
 * Each layer's lane on the run's timeline: report.json has the layer's
 * verdict and times per iteration, the history when its fault began and
 * when it was recovered from, which heal times count from.
 */
export function layerLanes(report: Report, faults: readonly FaultInterval[], markers: readonly Marker[], endMs: number): LayerLane[] {
  return LAYERS.map((layer) => ({
    layer,
    verdict: report.layers[layer].verdict,
    healP50Ms: report.layers[layer].healP50Ms,
    stretches: report.iterations.flatMap((it): LayerStretch[] => {
      const fault = faults.find((f) => f.index === it.index);
      if (!fault) return [];
      const { verdict, detectMs, ...heal } = it.layers[layer];
      const stretch = { iteration: it.index, verdict, startMs: fault.startMs, detectAtMs: detectMs === null ? null : fault.startMs + detectMs, ...heal };
      const { healMs } = heal;
      // a layer the fault never showed in, or that was not judged after it, has nothing to draw past the fault
      if (verdict === NOT_PRESENT || heal.unchanged || heal.reason !== undefined) return [{ ...stretch, endMs: fault.endMs }];
      if (healMs === null) return [{ ...stretch, endMs }];
      const healedAtMs = recoveredAtMs(fault, markers, report.scenario.deadlines.stable) + healMs;
      return [{ ...stretch, endMs: Math.min(endMs, healedAtMs) }];
    }),
  }));
}

/**
 * Heal times count from the recovery: the harness lifting the fault. For a
 * fault nobody lifts (a crash: the engine restarts the node), the checker's
 * heal record less its heal time and the stable time it waited out before
 * recording; without a heal record, the fault itself, the earliest the
 * recovery can have been.
 */
function recoveredAtMs(fault: FaultInterval, markers: readonly Marker[], stableMs: number): number {
  if (fault.end === "lifted") return fault.endMs;
  const healed = markers.find((m) => m.kind === "healed" && m.iteration === fault.index);
  return healed ? Math.max(fault.startMs, healed.timeMs - stableMs - healed.ms) : fault.startMs;
}
