import type { Step } from "./steps.js";
import { px } from "./scales.js";

/** A step's value over the time it held: from its own time to the next step's (or the end of the run). */
export interface Segment<T> {
  startMs: number;
  endMs: number;
  value: T;
}

export function segmentsOf<T>(steps: readonly Step<T>[], endMs: number): Segment<T>[] {
  return steps.map((step, i) => ({ startMs: step.timeMs, endMs: steps[i + 1]?.timeMs ?? endMs, value: step.value }));
}

/** An SVG path drawing a step line; where `y` gives null (nobody answered) the line breaks. */
export function stepPath<T>(segments: readonly Segment<T>[], x: (ms: number) => number, y: (value: T) => number | null): string {
  let d = "";
  let drawing = false;
  for (const segment of segments) {
    const level = y(segment.value);
    if (level === null) {
      drawing = false;
      continue;
    }
    d += drawing ? `V${px(level)}H${px(x(segment.endMs))}` : `M${px(x(segment.startMs))} ${px(level)}H${px(x(segment.endMs))}`;
    drawing = true;
  }
  return d;
}
