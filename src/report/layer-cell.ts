import { NOT_PRESENT, type LayerOutcome } from "../checks/layer.js";

/**
 * A layer's outcome in one short console cell: its heal ms when it passed
 * ("ok" if no heal was timed), FAIL, ? for unknown, – for not present (never
 * to be read as a pass).
 */
export function layerCell(outcome: Pick<LayerOutcome, "verdict" | "healMs">): string {
  switch (outcome.verdict) {
    case "pass":
      return outcome.healMs === null ? "ok" : String(outcome.healMs);
    case "fail":
      return "FAIL";
    case "unknown":
      return "?";
    case NOT_PRESENT:
      return "–";
  }
}
