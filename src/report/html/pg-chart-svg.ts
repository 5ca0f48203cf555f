import { escapeHtml } from "./escape-html.js";
import { faultColor } from "./fault-colors.js";
import { formatMs } from "./format-ms.js";
import type { HistorySeries, PgGroupSeries } from "./history-series.js";
import { linearScale, px } from "./scales.js";
import { segmentsOf, stepPath } from "./step-path.js";
import { CHART_WIDTH, timeGridSvg, type TimeAxis } from "./time-axis.js";

const PANEL_HEIGHT = 84;
const PANEL_GAP = 8;
const PAD = 8;

/**
 * pg member counts per group on the timeline's axis: the band between the
 * lowest and the highest count any answering node sees, the expected count of
 * a converged cluster dashed, and the faults faintly behind. The count axis
 * starts just below the lowest count seen (its ticks say where).
 */
export function pgChartSvg(series: HistorySeries, axis: TimeAxis): string {
  const bottom = series.pg.length * (PANEL_HEIGHT + PANEL_GAP);
  return [
    `<svg class="pg-chart" viewBox="0 0 ${CHART_WIDTH} ${bottom + 22}" role="img" aria-label="pg members per group over time">`,
    timeGridSvg(axis, 0, bottom),
    ...series.pg.map((group, i) => panelSvg(group, series, axis, i * (PANEL_HEIGHT + PANEL_GAP))),
    `</svg>`,
  ].join("\n");
}

function panelSvg(group: PgGroupSeries, series: HistorySeries, axis: TimeAxis, top: number): string {
  const seen = group.steps.flatMap((s) => (s.value ? [s.value] : []));
  const highest = seen.reduce((high, v) => Math.max(high, v.max), Math.max(group.expected ?? 0, 1));
  // the axis starts a little below the lowest count, not at 0: losing 2 of 100 members must show
  const lowest = seen.reduce((low, v) => Math.min(low, v.min), highest);
  const base = Math.max(0, lowest - Math.max(1, Math.ceil((highest - lowest) * 0.2)));
  const y = linearScale([base, highest], [top + PANEL_HEIGHT - PAD, top + PAD]);
  const segments = segmentsOf(group.steps, series.endMs);
  const span = (startMs: number, endMs: number) => `x="${px(axis.x(startMs))}" width="${px(Math.max(1, axis.x(endMs) - axis.x(startMs)))}"`;
  const ticks = [...new Set([highest, group.expected ?? highest, lowest])]
    .filter((v, i, all) => all.slice(0, i).every((shown) => Math.abs(y(shown) - y(v)) >= 10))
    .map((v) => `<text class="peer-tick" x="${axis.left - 5}" y="${px(y(v) + 3)}" text-anchor="end">${v}</text>`);
  return [
    `<g class="pg-group" data-pg-group="${escapeHtml(group.group)}">`,
    `<title>${escapeHtml(`pg group ${group.group}: members as the answering nodes see them (band: lowest to highest)${group.expected === null ? "" : `; ${group.expected} when converged`}`)}</title>`,
    `<rect class="lane-bg" x="0" y="${top}" width="${CHART_WIDTH}" height="${PANEL_HEIGHT}"/>`,
    `<text class="lane-label" x="8" y="${top + PANEL_HEIGHT / 2 - 2}">${escapeHtml(group.group)}</text>`,
    `<text class="lane-sub" x="8" y="${top + PANEL_HEIGHT / 2 + 12}">pg members</text>`,
    ...ticks,
    ...series.faults.map((fault) => `<rect class="fault-shade faint" ${span(fault.startMs, fault.endMs)} y="${top}" height="${PANEL_HEIGHT}" fill="${faultColor(fault.kind)}"/>`),
    ...segments.map((s) =>
      s.value === null
        ? `<rect class="silent" ${span(s.startMs, s.endMs)} y="${top + 1}" height="${PANEL_HEIGHT - 2}"/>`
        : `<rect class="pg-range" ${span(s.startMs, s.endMs)} y="${px(y(s.value.max))}" height="${px(Math.max(1, y(s.value.min) - y(s.value.max)))}"><title>${escapeHtml(`${s.value.min === s.value.max ? s.value.min : `${s.value.min} to ${s.value.max}`} members, ${formatMs(s.startMs)} to ${formatMs(s.endMs)}`)}</title></rect>`,
    ),
    group.expected === null ? "" : `<line class="expected" x1="${axis.left}" x2="${axis.right}" y1="${px(y(group.expected))}" y2="${px(y(group.expected))}"/>`,
    `<path class="pg-line" d="${stepPath(segments, axis.x, (v) => (v === null ? null : y(v.max)))}"/>`,
    `<path class="pg-line" d="${stepPath(segments, axis.x, (v) => (v === null ? null : y(v.min)))}"/>`,
    `</g>`,
  ].join("");
}
