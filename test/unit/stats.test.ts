import { describe, it, expect } from "vitest";
import { summarize } from "../../src/stats.js";

describe("summarize", () => {
  it("is null for no values", () => {
    expect(summarize([])).toBeNull();
  });

  it("gives one value as every statistic", () => {
    expect(summarize([42])).toEqual({ count: 1, min: 42, p50: 42, p95: 42, max: 42 });
  });

  it("takes nearest-rank percentiles of 1..100", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarize(values)).toEqual({ count: 100, min: 1, p50: 50, p95: 95, max: 100 });
  });

  it("takes nearest-rank percentiles of a small set: rank ceil(q x n)", () => {
    // n = 4: p50 is the 2nd value, p95 the 4th
    expect(summarize([400, 100, 300, 200])).toEqual({ count: 4, min: 100, p50: 200, p95: 400, max: 400 });
    // n = 5: p50 is the 3rd value, p95 the 5th
    expect(summarize([5, 1, 4, 2, 3])).toMatchObject({ p50: 3, p95: 5 });
  });

  it("takes the 19th of 20 values as p95", () => {
    const values = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    expect(summarize(values)).toMatchObject({ count: 20, p50: 100, p95: 190, max: 200 });
  });

  it("sorts numerically, not as strings", () => {
    expect(summarize([900, 1000, 80])).toEqual({ count: 3, min: 80, p50: 900, p95: 1000, max: 1000 });
  });

  it("does not reorder the values it is given", () => {
    const values = [3, 1, 2];
    summarize(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it("counts duplicates", () => {
    expect(summarize([7, 7, 7])).toEqual({ count: 3, min: 7, p50: 7, p95: 7, max: 7 });
  });
});
