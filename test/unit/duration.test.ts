import { describe, it, expect } from "vitest";
import { durationMs, positiveDurationMs } from "../../src/config/duration.js";

describe("durationMs", () => {
  it.each([
    ["30s", 30_000],
    ["500ms", 500],
    ["2m", 120_000],
    ["1.5s", 1_500],
    ["1500", 1_500],
  ])("parses %j as %i ms", (input, expected) => {
    expect(durationMs.parse(input)).toBe(expected);
  });

  it("takes a number as milliseconds", () => {
    expect(durationMs.parse(1500)).toBe(1500);
  });

  it("rounds to whole milliseconds", () => {
    expect(durationMs.parse(1.6)).toBe(2);
  });

  it("rejects a word that is not a duration, saying so", () => {
    const result = durationMs.safeParse("soon");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('not a duration: "soon"');
  });

  it.each([[""], ["  "]])("rejects the empty duration %j as an issue, not an exception", (input) => {
    const result = durationMs.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain("not a duration");
  });

  it("says why a value of another type is no duration", () => {
    expect(durationMs.safeParse(true).error?.issues[0]?.message).toBe("must be a duration (use e.g. 500ms, 30s, 2m) (got true)");
  });

  it("takes 0 as a duration (an interval), but not as a deadline", () => {
    expect(durationMs.parse("0s")).toBe(0);
    expect(positiveDurationMs.safeParse("0s").error?.issues[0]?.message).toBe("must be longer than 0 (use e.g. 500ms, 30s, 2m)");
    expect(positiveDurationMs.parse("1ms")).toBe(1);
  });

  it("rejects negative durations", () => {
    expect(durationMs.safeParse(-1).success).toBe(false);
    expect(durationMs.safeParse("-5s").success).toBe(false);
  });
});
