import { LAYERS, NOT_PRESENT, type Layer, type LayerOutcome, type LayerOutcomes } from "../checks/layer.js";
import type { Healed } from "./phases/healed.js";
import type { HealthyBefore } from "./phases/healthy-before.js";
import type { Inflicted } from "./phases/inflict.js";

/** What an iteration judged, phase by phase: a phase it never reached is absent. */
export interface Judgements {
  before?: HealthyBefore;
  inflicted?: Inflicted;
  after?: Healed;
}

/**
 * Each layer's verdict, detect time (the mesh's from the nodes' own events
 * where they tell, if a look saw it change) and heal time with its resolution. A layer passes only
 * where it was judged after the fault: an iteration that ended before (the
 * cluster was not healthy, the harness could not inflict or lift the fault)
 * leaves it unknown, saying why, unless it already failed before the fault.
 * A layer no look showed the fault in, and that held from the first look
 * after the recovery, is "unchanged" rather than given that look's length as
 * its heal time. A layer neither judgement found is not present.
 */
export function layerOutcomes({ before, inflicted, after }: Judgements): LayerOutcomes {
  const detect: Partial<Record<Layer, number>> = { ...inflicted?.layerDetectMs };
  // the nodes' own nodedown events time the mesh's change more precisely than a look, where a look saw one
  if (detect.mesh !== undefined && inflicted?.detectMs != null) detect.mesh = inflicted.detectMs;
  const notJudged = after ? undefined : whyNotJudged({ before, inflicted });
  return Object.fromEntries(
    LAYERS.map((layer): [Layer, LayerOutcome] => {
      const untimed = { detectMs: null, healMs: null };
      const beforeCheck = before?.health[layer];
      const check = after?.health[layer] ?? beforeCheck;
      if (!check) return [layer, { verdict: NOT_PRESENT, ...untimed }];
      const detectMs = roundOrNull(detect[layer]);
      if (!after) {
        if (beforeCheck?.verdict === "fail") return [layer, { ...untimed, verdict: "fail", detectMs }];
        return [layer, { ...untimed, verdict: "unknown", detectMs, reason: notJudged! }];
      }
      const heal = after.layerHeals[layer];
      const unchanged = heal !== undefined && heal.fromFirstLook && detectMs === null;
      if (unchanged) return [layer, { verdict: check.verdict, detectMs, healMs: null, unchanged }];
      const timed = heal ? { healMs: heal.healMs, healResolutionMs: heal.resolutionMs } : { healMs: null };
      return [layer, { verdict: check.verdict, detectMs, ...timed }];
    }),
  ) as LayerOutcomes;
}

/** Why no layer was judged after the fault: the first thing that stopped the iteration. */
function whyNotJudged({ before, inflicted }: Pick<Judgements, "before" | "inflicted">): string {
  if (before && !before.passed) return "not judged: the cluster was not healthy before the fault";
  const harness = inflicted?.checks.find((c) => c.name === "fault invoked" || c.name === "fault lifted");
  if (harness) return `not judged: ${harness.detail}`;
  return "not judged after the fault";
}

export function roundOrNull(ms: number | null | undefined): number | null {
  return ms === null || ms === undefined ? null : Math.max(0, Math.round(ms));
}
