import { NOT_PRESENT, type LayerVerdict } from "../../checks/layer.js";
import { escapeHtml } from "./escape-html.js";
import { faultColor } from "./fault-colors.js";
import { formatMs } from "./format-ms.js";
import type { HistorySeries } from "./history-series.js";
import type { LayerLane, LayerStretch } from "./layer-lanes.js";
import { px } from "./scales.js";
import { CHART_WIDTH, timeGridSvg, type TimeAxis } from "./time-axis.js";

const LANE_HEIGHT = 32;
const BAR_HEIGHT = 14;

/** A verdict as a class name: "not present" has a space. */
function verdictClass(verdict: LayerVerdict): string {
  return verdict === NOT_PRESENT ? "not-present" : verdict;
}

/**
 * One lane per layer on the timeline's axis: for each iteration a bar from
 * the fault to the moment the layer converged again (to the end if it never
 * did), coloured by the layer's verdict in that iteration, with a tick where
 * the fault first showed in it; a layer not present is hatched grey over the
 * fault. The faults faintly behind.
 */
export function layersChartSvg(series: HistorySeries, axis: TimeAxis): string {
  const bottom = series.layers.length * LANE_HEIGHT;
  return [
    `<svg class="layers-chart" viewBox="0 0 ${CHART_WIDTH} ${bottom + 22}" role="img" aria-label="when each layer converged after each fault">`,
    `<defs><pattern id="not-present" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f0f0f0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#bdbdbd" stroke-width="2"/></pattern></defs>`,
    timeGridSvg(axis, 0, bottom),
    ...series.layers.map((lane, i) => laneSvg(lane, series, axis, i * LANE_HEIGHT, i % 2 === 1)),
    `</svg>`,
  ].join("\n");
}

function laneSvg(lane: LayerLane, series: HistorySeries, axis: TimeAxis, top: number, odd: boolean): string {
  const sub = lane.verdict === NOT_PRESENT || lane.healP50Ms === null ? lane.verdict : `${lane.verdict} · p50 ${formatMs(lane.healP50Ms)}`;
  return [
    `<g class="layer-lane" data-layer="${lane.layer}" data-verdict="${escapeHtml(lane.verdict)}">`,
    `<title>${escapeHtml(`${lane.layer} over the run: ${lane.verdict}`)}</title>`,
    `<rect class="lane-bg${odd ? " odd" : ""}" x="0" y="${top}" width="${CHART_WIDTH}" height="${LANE_HEIGHT}"/>`,
    `<text class="lane-label" x="8" y="${top + LANE_HEIGHT / 2 - 2}">${lane.layer}</text>`,
    `<text class="lane-sub ${verdictClass(lane.verdict)}" x="8" y="${top + LANE_HEIGHT / 2 + 11}">${escapeHtml(sub)}</text>`,
    ...series.faults.map(
      (fault) => `<rect class="fault-shade faint" x="${px(axis.x(fault.startMs))}" y="${top}" width="${px(Math.max(1, axis.x(fault.endMs) - axis.x(fault.startMs)))}" height="${LANE_HEIGHT}" fill="${faultColor(fault.kind)}"/>`,
    ),
    ...lane.stretches.map((stretch) => stretchSvg(lane, stretch, axis, top + (LANE_HEIGHT - BAR_HEIGHT) / 2)),
    `</g>`,
  ].join("");
}

/** An iteration's bar: a heal cap at its end if the layer converged, none (an open end) if it never did. */
function stretchSvg(lane: LayerLane, stretch: LayerStretch, axis: TimeAxis, top: number): string {
  const x = px(axis.x(stretch.startMs));
  const end = px(axis.x(stretch.endMs));
  const present = stretch.verdict !== NOT_PRESENT;
  const healed = present && stretch.healMs !== null;
  const closed = healed || stretch.unchanged === true || stretch.reason !== undefined;
  const detect = stretch.detectAtMs === null ? "the fault never showed in it" : `the fault showed in it after ${formatMs(stretch.detectAtMs - stretch.startMs)}`;
  const title = present ? `#${stretch.iteration} ${lane.layer} ${stretch.verdict}: ${stretch.reason ?? `${detect}; ${healText(stretch)}`}` : `#${stretch.iteration} ${lane.layer}: not present`;
  return [
    `<g class="layer-stretch ${verdictClass(stretch.verdict)}${present && !closed ? " open" : ""}" data-iteration="${stretch.iteration}" data-verdict="${escapeHtml(stretch.verdict)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<rect x="${x}" y="${px(top)}" width="${px(Math.max(2, end - x))}" height="${BAR_HEIGHT}" rx="2"/>`,
    present && stretch.detectAtMs !== null ? `<line class="layer-detect" x1="${px(axis.x(stretch.detectAtMs))}" x2="${px(axis.x(stretch.detectAtMs))}" y1="${px(top - 2)}" y2="${px(top + BAR_HEIGHT + 2)}"/>` : "",
    healed ? `<line class="layer-heal" x1="${end}" x2="${end}" y1="${px(top - 3)}" y2="${px(top + BAR_HEIGHT + 3)}"/>` : "",
    `</g>`,
  ].join("");
}

/** When the layer converged, and how precisely that is known (the looks that bracket it). */
function healText(stretch: LayerStretch): string {
  if (stretch.unchanged) return "it held from the first look after the recovery";
  if (stretch.healMs === null) return "it did not converge while the history lasted";
  const resolution = stretch.healResolutionMs === undefined ? "" : ` (±${formatMs(stretch.healResolutionMs)})`;
  return `it converged ${formatMs(stretch.healMs)}${resolution} after the recovery`;
}
