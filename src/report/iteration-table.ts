import type { Report } from "./report-schema.js";
import { plainTable } from "./plain-table.js";

/** The console summary: one row per iteration, then the run's own checks. */
export function iterationTable(report: Report): string {
  const table = plainTable(["#", "fault", "target", "restarted by", "detect ms", "heal ms", "verdict"]);
  for (const it of report.iterations) {
    const restartedBy = [...new Set(Object.values(it.restartedBy ?? {}))].join(", ") || "-";
    table.push([it.index, it.shape ? `${it.fault} ${it.shape}` : it.fault, it.target, restartedBy, it.detectMs ?? "-", it.healMs ?? "-", it.verdict]);
  }
  for (const check of report.checks) table.push(["", check.name, "", "", "", "", check.verdict]);
  return table.toString();
}
