import Table from "cli-table3";
import type { Report } from "../config/report-schema.js";

/** No rule between rows: a long run stays one screen of lines. */
const COMPACT = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };

/** The console summary: one row per iteration, and the first failing check of those that did not pass. */
export function iterationTable(report: Report): string {
  const table = new Table({ head: ["#", "fault", "target", "detect ms", "heal ms", "verdict"], style: { head: [], border: [] }, chars: COMPACT });
  for (const it of report.iterations) {
    table.push([it.index, it.fault, it.target, it.detectMs ?? "-", it.healMs ?? "-", it.verdict]);
  }
  return table.toString();
}
