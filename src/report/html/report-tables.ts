import type { Report } from "../report-schema.js";
import { escapeHtml } from "./escape-html.js";
import { formatMs } from "./format-ms.js";
import type { FaultInterval } from "./history-series.js";

type Verdict = Report["verdict"];

/** Failures first, then unknowns, then passes; each group in its own order. */
const SEVERITY: Record<Verdict, number> = { fail: 0, unknown: 1, pass: 2 };

function verdictBadge(verdict: Verdict): string {
  return `<span class="verdict ${verdict}">${verdict}</span>`;
}

/** One row per iteration, failures first, with the checks that did not pass as the reason and when the fault began on the timeline. */
export function iterationsTable(report: Report, faults: readonly FaultInterval[]): string {
  const rows = [...report.iterations]
    .sort((a, b) => SEVERITY[a.verdict] - SEVERITY[b.verdict] || a.index - b.index)
    .map((it) => {
      const startMs = faults.find((f) => f.index === it.index)?.startMs;
      const failed = it.checks.filter((c) => c.verdict !== "pass");
      const reason = failed.length
        ? `<ul class="reasons">${failed.map((c) => `<li><b>${escapeHtml(c.name)}</b> ${c.verdict}: ${escapeHtml(c.detail)}</li>`).join("")}</ul>`
        : `all ${it.checks.length} checks passed`;
      const heal = it.healMs === null ? "-" : `${formatMs(it.healMs)}${it.healResolutionMs === null ? "" : ` (±${formatMs(it.healResolutionMs)})`}`;
      return [
        `<tr class="${it.verdict}" data-iteration="${it.index}">`,
        `<td class="num">${it.index}</td><td class="num">${startMs === undefined ? "-" : formatMs(startMs)}</td>`,
        `<td class="tight">${escapeHtml(it.shape ? `${it.fault} ${it.shape}` : it.fault)}</td>${targetsCell(it.targets)}`,
        `<td class="num">${it.detectMs === null ? "-" : formatMs(it.detectMs)}</td><td class="num">${heal}</td>`,
        `<td>${verdictBadge(it.verdict)}</td><td>${reason}</td></tr>`,
      ].join("");
    });
  if (!rows.length) return `<p class="note">No fault was run.</p>`;
  return `<table class="iterations"><thead><tr><th>#</th><th>at</th><th>fault</th><th>targets</th><th>detect</th><th>heal</th><th>verdict</th><th>reason</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** The run's own checks (final heal, heal budget), failures first. */
export function runChecksTable(report: Report): string {
  if (!report.checks.length) return `<p class="note">This run has no checks of its own.</p>`;
  const rows = [...report.checks]
    .sort((a, b) => SEVERITY[a.verdict] - SEVERITY[b.verdict])
    .map((c) => `<tr class="${c.verdict}"><td class="tight">${escapeHtml(c.name)}</td><td>${verdictBadge(c.verdict)}</td><td>${escapeHtml(c.detail)}</td></tr>`);
  return `<table class="run-checks"><thead><tr><th>check</th><th>verdict</th><th>detail</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** A partition of 50 nodes has 25 targets: the cell names a few, its tooltip all. */
function targetsCell(targets: readonly string[]): string {
  if (targets.length <= 6) return `<td class="tight">${escapeHtml(targets.join(", "))}</td>`;
  return `<td class="tight" title="${escapeHtml(targets.join(", "))}">${escapeHtml(`${targets.slice(0, 3).join(", ")} and ${targets.length - 3} more`)}</td>`;
}
