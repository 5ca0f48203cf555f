import { LAYERS, NOT_PRESENT, type Layer, type LayerVerdict } from "../checks/layer.js";
import { worstVerdict, type Verdict } from "../checks/verdict.js";
import { summarize } from "../stats.js";
import type { Report } from "./report-schema.js";
import type { IterationResult, ScenarioResult } from "./run-result.js";

export type LayerSummaries = Report["layers"];

/**
 * Each layer over the run: the worst verdict of its iterations and the final
 * heal (fail beats unknown beats pass; a layer that was not present anywhere
 * is "not present", and one judged nowhere is "unknown"), and p50/p95 of its
 * heal times.
 */
export function layerSummaries(iterations: readonly IterationResult[], finalLayers: ScenarioResult["finalLayers"] = {}): LayerSummaries {
  return Object.fromEntries(
    LAYERS.map((layer) => {
      const heal = summarize(iterations.flatMap((it) => (it.layers[layer].healMs === null ? [] : [it.layers[layer].healMs])));
      return [layer, { verdict: runVerdict(layer, iterations, finalLayers), healP50Ms: heal?.p50 ?? null, healP95Ms: heal?.p95 ?? null }];
    }),
  ) as LayerSummaries;
}

function runVerdict(layer: Layer, iterations: readonly IterationResult[], finalLayers: NonNullable<ScenarioResult["finalLayers"]>): LayerVerdict {
  const final = finalLayers[layer];
  const verdicts = [...iterations.map((it) => it.layers[layer].verdict), ...(final ? [final] : [])];
  if (verdicts.length === 0) return "unknown";
  const present = verdicts.filter((v): v is Verdict => v !== NOT_PRESENT);
  return present.length ? worstVerdict(present) : NOT_PRESENT;
}
