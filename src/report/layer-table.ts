import { LAYERS } from "../checks/layer.js";
import type { Report } from "./report-schema.js";
import { plainTable } from "./plain-table.js";

/** Each layer over the run: its verdict (the worst of the iterations and the final heal) and heal p50/p95 in ms. */
export function layerTable(report: Report): string {
  const table = plainTable(["layer", "verdict", "heal p50", "p95"]);
  for (const layer of LAYERS) {
    const { verdict, healP50Ms, healP95Ms } = report.layers[layer];
    table.push([layer, verdict, healP50Ms ?? "-", healP95Ms ?? "-"]);
  }
  return table.toString();
}
