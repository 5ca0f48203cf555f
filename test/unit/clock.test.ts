import { afterEach, describe, expect, it, vi } from "vitest";
import { monotonicFromWall, startTimeline, wallFromMonotonic } from "../../src/clock.js";

/* The run's timeline against a wall clock that steps while the process lives (a VM paused, its clock set again on resume). */

afterEach(() => {
  vi.restoreAllMocks();
  startTimeline();
});

describe("startTimeline", () => {
  it("keeps the process's precise time origin while the wall clock has not stepped", () => {
    startTimeline();
    expect(wallFromMonotonic(0)).toBe(performance.timeOrigin);
    expect(monotonicFromWall(performance.timeOrigin + 1_234.5)).toBe(1_234.5);
  });

  it("puts a wall time on the next run's timeline where it belongs after the wall clock stepped 6 s ahead", () => {
    startTimeline();
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, "now").mockImplementation(() => realNow() + 6_000);
    // until the next run anchors, an event logged now lands 6 s after its point (shrink's candidates read a kill detected after 6 s)
    expect(monotonicFromWall(Date.now()) - performance.now()).toBeGreaterThan(5_990);
    startTimeline();
    // Date.now() counts whole ms and is read a moment apart from performance.now(): a few ms of slack, far from the 6 s step
    expect(Math.abs(monotonicFromWall(Date.now()) - performance.now())).toBeLessThan(10);
    expect(Math.abs(wallFromMonotonic(performance.now()) - Date.now())).toBeLessThan(10);
  });
});
