import { linearScale, niceTicks, px } from "./scales.js";

/** Every chart on the run's timeline has this width and plot area, so their times line up on the page. */
export const CHART_WIDTH = 1100;
/** Room for lane and chart labels left of the plot. */
const PLOT_LEFT = 150;
const PLOT_RIGHT = CHART_WIDTH - 16;

export interface TimeAxis {
  endMs: number;
  left: number;
  right: number;
  x(timeMs: number): number;
}

export function timeAxis(endMs: number): TimeAxis {
  return { endMs, left: PLOT_LEFT, right: PLOT_RIGHT, x: linearScale([0, Math.max(endMs, 1)], [PLOT_LEFT, PLOT_RIGHT]) };
}

/** Grid lines from top to bottom and their times (in seconds) below the bottom. */
export function timeGridSvg(axis: TimeAxis, top: number, bottom: number): string {
  return niceTicks(axis.endMs, 10)
    .map((ms) => {
      const x = px(axis.x(ms));
      return `<line class="grid" x1="${x}" x2="${x}" y1="${top}" y2="${bottom}"/><text class="tick" x="${x}" y="${bottom + 14}" text-anchor="middle">${ms / 1_000} s</text>`;
    })
    .join("");
}
