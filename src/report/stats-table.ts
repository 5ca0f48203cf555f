import type { Report } from "./report-schema.js";
import { plainTable } from "./plain-table.js";

/** Time to detect and to heal per fault kind and overall: n, min, p50, p95, max in ms. */
export function statsTable(report: Report): string {
  const table = plainTable(["fault", "n", "detect min", "p50", "p95", "max", "heal min", "p50", "p95", "max"]);
  const row = (name: string, stats: Report["stats"]["overall"]) => {
    const cells = (s: typeof stats.detect) => (s ? [s.min, s.p50, s.p95, s.max] : ["-", "-", "-", "-"]);
    table.push([name, Math.max(stats.detect?.count ?? 0, stats.heal?.count ?? 0), ...cells(stats.detect), ...cells(stats.heal)]);
  };
  for (const [kind, stats] of Object.entries(report.stats.byFault)) row(kind, stats);
  row("all", report.stats.overall);
  return table.toString();
}
