import type { Report } from "../report-schema.js";
import { nodesByVersion, someNodes } from "../node-versions.js";
import { escapeHtml } from "./escape-html.js";
import { faultColor } from "./fault-colors.js";
import { formatMs } from "./format-ms.js";
import type { HistorySeries } from "./history-series.js";
import { lanesOf } from "./lanes.js";
import { layersChartSvg } from "./layers-chart-svg.js";
import { pgChartSvg } from "./pg-chart-svg.js";
import { REPORT_CSS } from "./report-css.js";
import { iterationsTable, runChecksTable } from "./report-tables.js";
import { timeAxis } from "./time-axis.js";
import { timelineSvg } from "./timeline-svg.js";
import { timingChartSvg } from "./timing-chart-svg.js";

/** Nothing may be fetched: the page is one file that opens from disk, offline, and shows all without scripts. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

/** report.html: one self-contained page (inline CSS and SVG, no script) of what happened when in a run. */
export function renderHtmlReport(report: Report, series: HistorySeries): string {
  const lanes = lanesOf(series.peers);
  const axis = timeAxis(series.endMs);
  const shared = lanes.some((lane) => lane.nodes.length > 1);
  return [
    `<!doctype html>`,
    `<html lang="en"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>meshproof ${escapeHtml(report.runId)}: ${report.verdict}</title>`,
    `<style>${REPORT_CSS}</style></head><body>`,
    header(report),
    `<section id="timeline"><h2>Timeline</h2>`,
    legend(series),
    `<p class="note">${
      shared
        ? `${series.peers.length} nodes in ${lanes.length} lanes of up to ${lanes[0]!.nodes.length}: the solid line is the lowest count of connected peers among a lane's nodes, the dashed one the median; grey is darker the more of them did not answer.`
        : `One lane per node: how many peers it is connected to (its own <code>nodes()</code>), of ${series.maxPeers}.`
    } No line: the node was not asked (the harness leaves out a node it took down or paused). Hover a bar, lane or marker for details.</p>`,
    timelineSvg(series, lanes, axis),
    `</section>`,
    `<section id="layers"><h2>Layers</h2>`,
    layersLegend(),
    `<p class="note">One lane per layer, on the timeline's axis: for each fault a bar from the fault to the moment the layer converged again (black cap), coloured by its verdict in that fault; a bar without a cap never converged while the run lasted. Orange tick: where the fault first showed in the layer. Hatched: the layer does not run on the cluster. Beside each layer: its verdict over the run and its heal p50.</p>`,
    layersChartSvg(series, axis),
    `</section>`,
    series.pg.length ? `<section id="pg"><h2>pg members</h2>${pgChartSvg(series, axis)}</section>` : "",
    `<section id="timing"><h2>Time to detect and to heal</h2>`,
    `<p class="note">Log scale. Dots: each fault; line: min to max; box: p50 to p95, with p50 marked.</p>`,
    `<h3>Time to detect</h3>${timingChartSvg(report, "detect")}`,
    `<h3>Time to heal</h3>${timingChartSvg(report, "heal")}`,
    `</section>`,
    `<section id="iterations"><h2>Iterations</h2>${iterationsTable(report, series.faults)}`,
    `<h3>Run checks</h3>${runChecksTable(report)}</section>`,
    `</body></html>`,
    ``,
  ].join("\n");
}

function header(report: Report): string {
  const facts: [string, string][] = [
    ["run", `${escapeHtml(report.runId)} · meshproof ${escapeHtml(report.meshproofVersion)}`],
    ["seed", String(report.seed)],
    ["started", escapeHtml(report.startedAt)],
    ["duration", formatMs(report.durationMs)],
    ["nodes", nodesLine(report.nodes)],
    ...(report.nodes.some((n) => n.host) ? [["hosts", hostsLine(report.nodes)] as [string, string]] : []),
    ["distribution", escapeHtml(report.scenario.cluster.dist)],
    ["faults", `${report.iterations.length} run of ${report.schedule.length} planned (${escapeHtml([...new Set(report.schedule.map((p) => p.kind))].join(", "))}) on ${escapeHtml(report.scenario.cluster.engine)}`],
    ["reproduce", `<code>${escapeHtml(report.reproduce)}</code>`],
  ];
  return [
    `<header><h1>meshproof run <span class="verdict ${report.verdict}">${report.verdict}</span></h1>`,
    `<p class="summary">${escapeHtml(report.summary)}</p>`,
    `<dl class="facts">${facts.map(([name, value]) => `<dt>${name}</dt><dd>${value}</dd>`).join("")}</dl></header>`,
  ].join("\n");
}

/** Nodes by OTP and kernel version: "5 nodes, all on OTP 25.2.3, kernel 8.5.3: app@n1, ..." stays one line for 50 nodes of one version. */
function nodesLine(nodes: Report["nodes"]): string {
  const byVersion = nodesByVersion(nodes);
  const parts = [...byVersion].map(([version, list]) => `${escapeHtml(version)}: ${escapeHtml(someNodes(list))}`);
  return `${nodes.length} nodes${byVersion.size === 1 ? ", all on " : "; "}${parts.join("; ")}`;
}

/** Swarm hosts and the nodes each ran when the run began: "host-1: app@n1, app@n4; host-2: ...". */
function hostsLine(nodes: Report["nodes"]): string {
  const byHost = new Map<string, string[]>();
  for (const node of nodes) byHost.set(node.host ?? "unknown", [...(byHost.get(node.host ?? "unknown") ?? []), node.name]);
  return [...byHost].map(([host, list]) => `${escapeHtml(host)}: ${escapeHtml(list.join(", "))}`).join("; ");
}

function layersLegend(): string {
  return [
    `<div class="legend">`,
    `<span><i class="swatch layer-pass"></i>pass</span>`,
    `<span><i class="swatch layer-fail"></i>fail</span>`,
    `<span><i class="swatch layer-unknown"></i>unknown</span>`,
    `<span><i class="swatch layer-open"></i>never converged</span>`,
    `<span><i class="swatch not-present"></i>not present</span>`,
    `<span><i class="swatch layer-detect"></i>fault showed</span>`,
    `<span><i class="swatch layer-heal"></i>converged</span>`,
    `</div>`,
  ].join("");
}

function legend(series: HistorySeries): string {
  const kinds = [...new Set(series.faults.map((f) => f.kind))];
  return [
    `<div class="legend">`,
    ...kinds.map((kind) => `<span><i class="swatch" style="background:${faultColor(kind)}"></i>${escapeHtml(kind)}</span>`),
    `<span><i class="swatch line"></i>connected peers</span>`,
    `<span><i class="swatch line degraded"></i>missing peers</span>`,
    `<span><i class="swatch silent"></i>did not answer</span>`,
    `<span><i class="swatch detected"></i>detected</span>`,
    `<span><i class="swatch healed"></i>healed</span>`,
    `<span><i class="swatch failed"></i>check failed</span>`,
    `</div>`,
  ].join("");
}
