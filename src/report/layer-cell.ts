import { NOT_PRESENT, type LayerOutcome } from "../checks/layer.js";

/**
 * A layer's outcome in one short console cell: when it passed, its heal ms
 * over their resolution ("812", "±31": two lines keep a row of five-digit
 * times within 120 characters), "unchanged" if the fault never showed in
 * it, "ok" if no heal was timed; FAIL; ? for unknown (also a layer not judged
 * after the fault); – for not present (never to be read as a pass).
 */
export function layerCell(outcome: Pick<LayerOutcome, "verdict" | "healMs" | "healResolutionMs" | "unchanged">): string {
  switch (outcome.verdict) {
    case "pass":
      if (outcome.unchanged) return "unchanged";
      if (outcome.healMs === null) return "ok";
      return outcome.healResolutionMs === undefined ? String(outcome.healMs) : `${outcome.healMs}\n±${outcome.healResolutionMs}`;
    case "fail":
      return "FAIL";
    case "unknown":
      return "?";
    case NOT_PRESENT:
      return "–";
  }
}
