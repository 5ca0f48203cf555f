import { escapeHtml } from "./escape-html.js";
import { faultColor } from "./fault-colors.js";
import { formatMs } from "./format-ms.js";
import type { FailedCheck, FaultInterval, HistorySeries, Marker } from "./history-series.js";
import type { Lane } from "./lanes.js";
import { px } from "./scales.js";
import { segmentsOf, stepPath } from "./step-path.js";
import { CHART_WIDTH, timeGridSvg, type TimeAxis } from "./time-axis.js";

/* Rows from the top: the fault band (one bar per fault), the marker row (detect, heal, failed checks), the lanes, the time labels. */
const BAND_TOP = 4;
const BAND_HEIGHT = 20;
const MARKS_TOP = BAND_TOP + BAND_HEIGHT + 3;
const MARKS_HEIGHT = 16;
const LANES_TOP = MARKS_TOP + MARKS_HEIGHT + 3;
/** Room above and below a lane's line, so a full mesh and zero peers do not touch the lane's edges. */
const LANE_PAD = 6;
/** About how wide one character of an 11 px label is. */
const CHAR_WIDTH = 6.3;

interface LaneBox {
  lane: Lane;
  top: number;
  height: number;
}

/**
 * The run on one time axis: faults as bars and as shading over the lanes they
 * hit (every lane for a partition), one lane per node (or per group of nodes)
 * with its connected peers as a step line and grey where it did not answer,
 * and markers where the checker saw a fault detected, the cluster healed, or
 * a check fail.
 */
export function timelineSvg(series: HistorySeries, lanes: readonly Lane[], axis: TimeAxis): string {
  const laneHeight = lanes.length > 8 ? 30 : 38;
  const boxes = lanes.map((lane, i) => ({ lane, top: LANES_TOP + i * laneHeight, height: laneHeight }));
  const bottom = LANES_TOP + lanes.length * laneHeight;
  const height = bottom + 22;
  return [
    `<svg class="timeline" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="timeline of faults and connected peers per node">`,
    `<defs><pattern id="silent" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#e4e4e4"/><line x1="0" y1="0" x2="0" y2="6" stroke="#9a9a9a" stroke-width="3"/></pattern></defs>`,
    timeGridSvg(axis, BAND_TOP, bottom),
    `<text class="row-label" x="8" y="${BAND_TOP + 14}">faults</text>`,
    `<text class="row-label" x="8" y="${MARKS_TOP + 12}">checker</text>`,
    ...boxes.map((box, i) => `<rect class="lane-bg${i % 2 ? " odd" : ""}" x="0" y="${box.top}" width="${CHART_WIDTH}" height="${box.height}"/>`),
    ...series.faults.map((fault) => faultSvg(fault, boxes, axis)),
    ...boxes.map((box) => laneSvg(box, series, axis)),
    ...series.markers.map((marker) => markerSvg(marker, axis, bottom)),
    // a fail is drawn over an unknown at the same moment
    ...[...series.failedChecks].sort((a, b) => Number(a.verdict === "fail") - Number(b.verdict === "fail")).map((check) => failedCheckSvg(check, axis, bottom)),
    `</svg>`,
  ].join("\n");
}

/** The fault's bar in the band, and shading over the lanes it hits; one element per fault (data-fault). */
function faultSvg(fault: FaultInterval, boxes: readonly LaneBox[], axis: TimeAxis): string {
  const x = px(axis.x(fault.startMs));
  const width = px(Math.max(2, axis.x(fault.endMs) - axis.x(fault.startMs)));
  const color = faultColor(fault.kind);
  // a fault with a shape (a partition) cuts links between every node; others hit their targets
  const hit = fault.shape ? boxes : boxes.filter((box) => box.lane.nodes.some((node) => fault.targets.includes(node)));
  const ending = { lifted: "lifted by the harness", healed: "not lifted by the harness: ends where the cluster healed", open: "still in place when the history ended" }[fault.end];
  const title = `${fault.label}: ${fault.targets.join(", ")}; ${formatMs(fault.startMs)} to ${formatMs(fault.endMs)} (${ending})`;
  const label = [fault.label, `#${fault.index}`].find((text) => text.length * CHAR_WIDTH + 6 <= width);
  return [
    `<g class="fault" data-fault="${fault.index}" data-kind="${escapeHtml(fault.kind)}" data-targets="${escapeHtml(fault.targets.join(" "))}"><title>${escapeHtml(title)}</title>`,
    `<rect class="fault-bar${fault.end === "lifted" ? "" : " unlifted"}" x="${x}" y="${BAND_TOP}" width="${width}" height="${BAND_HEIGHT}" rx="3" fill="${color}"/>`,
    label ? `<text class="fault-label" x="${px(x + 4)}" y="${BAND_TOP + 14}">${escapeHtml(label)}</text>` : "",
    ...hit.map((box) => `<rect class="fault-shade" x="${x}" y="${box.top}" width="${width}" height="${box.height}" fill="${color}"/>`),
    `</g>`,
  ].join("");
}

/** A lane: its label, grey where its nodes did not answer, and connected peers as a step line (lowest and median in a shared lane). */
function laneSvg({ lane, top, height }: LaneBox, series: HistorySeries, axis: TimeAxis): string {
  const shared = lane.nodes.length > 1;
  const y = (peers: number | null) => (peers === null ? null : top + LANE_PAD + (series.maxPeers ? 1 - peers / series.maxPeers : 0.5) * (height - 2 * LANE_PAD));
  const segments = segmentsOf(lane.steps, series.endMs);
  const silent = segments
    .filter((s) => s.value.silent > 0)
    .map((s) => {
      const opacity = shared ? px(0.25 + (0.75 * s.value.silent) / lane.nodes.length) : 1;
      return `<rect class="silent" x="${px(axis.x(s.startMs))}" y="${top + 1}" width="${px(axis.x(s.endMs) - axis.x(s.startMs))}" height="${height - 2}" opacity="${opacity}"/>`;
    });
  const attributes = shared ? `data-lane-group="${escapeHtml(lane.label)}" data-nodes="${escapeHtml(lane.nodes.join(" "))}"` : `data-lane="${escapeHtml(lane.label)}"`;
  const title = shared
    ? `${lane.nodes.length} nodes (${lane.nodes.join(", ")}): lowest (solid) and median (dashed) count of connected peers, of ${series.maxPeers}; grey: some did not answer`
    : `${lane.label}: connected peers, of ${series.maxPeers}; grey: did not answer; no line: not asked (down or paused on purpose)`;
  return [
    `<g class="lane" ${attributes}><title>${escapeHtml(title)}</title>`,
    `<text class="lane-label" x="8" y="${top + height / 2 + (shared ? -1 : 4)}">${escapeHtml(shared ? `${lane.nodes[0]} –` : lane.label)}</text>`,
    shared ? `<text class="lane-label" x="8" y="${top + height / 2 + 11}">${escapeHtml(lane.nodes.at(-1)!)}</text>` : "",
    `<text class="peer-tick" x="${axis.left - 5}" y="${px(y(series.maxPeers)! + 3)}" text-anchor="end">${series.maxPeers}</text>`,
    `<text class="peer-tick" x="${axis.left - 5}" y="${px(y(0)! + 3)}" text-anchor="end">0</text>`,
    `<line class="full-mesh" x1="${axis.left}" x2="${axis.right}" y1="${px(y(series.maxPeers)!)}" y2="${px(y(series.maxPeers)!)}"/>`,
    ...silent,
    shared ? `<path class="peers median" d="${stepPath(segments, axis.x, (v) => y(v.median))}"/>` : "",
    `<path class="peers" d="${stepPath(segments, axis.x, (v) => y(v.min))}"/>`,
    // red wherever a node misses a peer: with 49 peers, one lost is a small step but must stand out
    `<path class="peers degraded" d="${stepPath(segments, axis.x, (v) => (v.min !== null && v.min < series.maxPeers ? y(v.min) : null))}"/>`,
    `</g>`,
  ].join("");
}

/** Detected: a triangle pointing down; healed: pointing up; a faint line down through the lanes. */
function markerSvg(marker: Marker, axis: TimeAxis, bottom: number): string {
  const x = px(axis.x(marker.timeMs));
  const [tip, base] = marker.kind === "detected" ? [MARKS_TOP + 13, MARKS_TOP + 3] : [MARKS_TOP + 3, MARKS_TOP + 13];
  const title = `#${marker.iteration} ${marker.kind} ${marker.kind === "detected" ? `${formatMs(marker.ms)} after the fault` : `${formatMs(marker.ms)} after its recovery`}`;
  return [
    `<g class="marker ${marker.kind}" data-marker="${marker.kind}" data-iteration="${marker.iteration}"><title>${escapeHtml(title)}</title>`,
    `<line x1="${x}" x2="${x}" y1="${LANES_TOP}" y2="${bottom}"/>`,
    `<path d="M${px(x - 5)} ${base}L${px(x + 5)} ${base}L${x} ${tip}Z"/>`,
    `</g>`,
  ].join("");
}

/** A red (or, for unknown, amber) line through the whole timeline where the checker recorded a check that did not pass. */
function failedCheckSvg(check: FailedCheck, axis: TimeAxis, bottom: number): string {
  const x = px(axis.x(check.timeMs));
  const where = check.iteration === null ? "run check" : `#${check.iteration}`;
  const title = `${where} ${check.name} ${check.verdict}: ${check.detail}`;
  return [
    `<g class="failed-check ${check.verdict}" data-failed-check="${escapeHtml(check.name)}" data-iteration="${check.iteration ?? "run"}"><title>${escapeHtml(title)}</title>`,
    `<line x1="${x}" x2="${x}" y1="${BAND_TOP}" y2="${bottom}"/>`,
    `<circle cx="${x}" cy="${MARKS_TOP + 8}" r="7"/><text x="${x}" y="${MARKS_TOP + 12}" text-anchor="middle">!</text>`,
    `</g>`,
  ].join("");
}
