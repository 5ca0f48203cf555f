import type { Report } from "../report-schema.js";
import { escapeHtml } from "./escape-html.js";
import { faultColor } from "./fault-colors.js";
import { formatMs } from "./format-ms.js";
import { logScale, px } from "./scales.js";
import { CHART_WIDTH } from "./time-axis.js";

const ROW_HEIGHT = 26;
const TOP = 6;
const PLOT_LEFT = 120;
const PLOT_RIGHT = 770;
const TEXT_LEFT = 790;

type Metric = "detect" | "heal";
type Summary = Report["stats"]["overall"]["detect"];

interface Row {
  name: string;
  color: string;
  summary: Summary;
  /** Each iteration's time, for the dots. */
  values: { index: number; ms: number }[];
  /** Iterations whose time was never observed (null in the report). */
  missing: number;
}

/**
 * Time to detect or to heal, per fault kind and overall, on a log axis (a kill
 * is noticed in tens of ms, a pause only after the tick): every iteration as
 * a dot, min to max as a whisker, p50 to p95 (from report.stats) as a box.
 */
export function timingChartSvg(report: Report, metric: Metric): string {
  const field = metric === "detect" ? "detectMs" : "healMs";
  const rowOf = (name: string, color: string, summary: Summary, iterations: Report["iterations"]): Row => ({
    name,
    color,
    summary,
    values: iterations.flatMap((it) => (it[field] === null ? [] : [{ index: it.index, ms: it[field] }])),
    missing: iterations.filter((it) => it[field] === null).length,
  });
  const rows = [
    ...Object.entries(report.stats.byFault).map(([kind, stats]) => rowOf(kind, faultColor(kind), stats[metric], report.iterations.filter((it) => it.fault === kind))),
    rowOf("all faults", "#555555", report.stats.overall[metric], report.iterations),
  ];
  const all = rows.flatMap((row) => row.values.map((v) => v.ms));
  // from a round value below the fastest to one above the slowest: times close together spread out, far apart still fit
  const low = all.length ? Math.max(1, Math.min(...all) / 1.5) : 10;
  const ticks = roundValues(low, all.length ? Math.max(low * 2, Math.max(...all) * 1.5) : 10_000);
  const x = logScale([ticks[0]!, ticks.at(-1)!], [PLOT_LEFT, PLOT_RIGHT]);
  const bottom = TOP + rows.length * ROW_HEIGHT;
  return [
    `<svg class="timing-chart" data-timing="${metric}" viewBox="0 0 ${CHART_WIDTH} ${bottom + 22}" role="img" aria-label="time to ${metric} per fault kind">`,
    ...ticks.map((ms) => {
      const at = px(x(ms));
      return `<line class="grid" x1="${at}" x2="${at}" y1="${TOP}" y2="${bottom}"/><text class="tick" x="${at}" y="${bottom + 14}" text-anchor="middle">${ms < 1_000 ? `${ms} ms` : `${ms / 1_000} s`}</text>`;
    }),
    ...rows.map((row, i) => rowSvg(row, x, TOP + i * ROW_HEIGHT)),
    `</svg>`,
  ].join("\n");
}

function rowSvg(row: Row, x: (ms: number) => number, top: number): string {
  const mid = top + ROW_HEIGHT / 2;
  const { summary } = row;
  const missing = row.missing ? ` · ${row.missing} not seen in time` : "";
  const text = summary ? `n ${summary.count} · p50 ${formatMs(summary.p50)} · p95 ${formatMs(summary.p95)}${missing}` : `none measured${missing}`;
  return [
    `<g class="timing-row" data-fault-kind="${escapeHtml(row.name)}">`,
    `<rect x="8" y="${mid - 5}" width="10" height="10" fill="${row.color}"/><text class="lane-label" x="24" y="${mid + 4}">${escapeHtml(row.name)}</text>`,
    summary
      ? [
          `<line class="whisker" x1="${px(x(summary.min))}" x2="${px(x(summary.max))}" y1="${mid}" y2="${mid}"/>`,
          `<rect class="p50-p95" x="${px(x(summary.p50))}" y="${mid - 7}" width="${px(Math.max(2, x(summary.p95) - x(summary.p50)))}" height="14" fill="${row.color}" stroke="${row.color}"><title>p50 ${escapeHtml(formatMs(summary.p50))} to p95 ${escapeHtml(formatMs(summary.p95))}</title></rect>`,
          `<line class="p50" x1="${px(x(summary.p50))}" x2="${px(x(summary.p50))}" y1="${mid - 8}" y2="${mid + 8}"/>`,
        ].join("")
      : "",
    ...row.values.map((v) => `<circle class="dot" cx="${px(x(v.ms))}" cy="${mid}" r="3.5" fill="${row.color}"><title>#${v.index}: ${escapeHtml(formatMs(v.ms))}</title></circle>`),
    `<text class="timing-text" x="${TEXT_LEFT}" y="${mid + 4}">${escapeHtml(text)}</text>`,
    `</g>`,
  ].join("");
}

/** 1, 2 and 5 times powers of ten, from the largest at or below `low` to the smallest at or above `high`. */
function roundValues(low: number, high: number): number[] {
  const values: number[] = [];
  let power = 10 ** Math.floor(Math.log10(low));
  do {
    values.push(power, 2 * power, 5 * power);
    power *= 10;
  } while (values.at(-1)! < high);
  return values.slice(values.findLastIndex((v) => v <= low), values.findIndex((v) => v >= high) + 1);
}
