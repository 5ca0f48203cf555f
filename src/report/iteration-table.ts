import { LAYERS, type Layer } from "../checks/layer.js";
import type { Report } from "./report-schema.js";
import { layerCell } from "./layer-cell.js";
import { plainTable } from "./plain-table.js";

/** Short heads keep a row of twelve columns within 120 characters. */
const LAYER_HEADS: Record<Layer, string> = { mesh: "mesh", pg: "pg", global: "global", mnesia: "mnesia", invariants: "inv" };

/** The console summary: one row per iteration with a cell per layer, then the run's own checks, then what the cells mean. */
export function iterationTable(report: Report): string {
  const table = plainTable(["#", "fault", "target", "restart", "detect", "heal", "verdict", ...LAYERS.map((layer) => LAYER_HEADS[layer])]);
  for (const it of report.iterations) {
    const restartedBy = [...new Set(Object.values(it.restartedBy ?? {}))].join(", ") || "-";
    const layers = LAYERS.map((layer) => layerCell(it.layers[layer]));
    table.push([it.index, it.shape ? `${it.fault} ${it.shape}` : it.fault, it.target, restartedBy, it.detectMs ?? "-", it.healMs ?? "-", it.verdict, ...layers]);
  }
  for (const check of report.checks) table.push(["", check.name, "", "", "", "", check.verdict, ...LAYERS.map(() => "")]);
  return `${table.toString()}\ntimes in ms; per layer: heal ms over ±resolution if it passed, unchanged if the fault never showed in it,\nFAIL, ? unknown or not judged after the fault, – not present; inv: invariants`;
}
