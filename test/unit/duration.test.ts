import { describe, it, expect } from "vitest";
import { durationMs, durationText, MAX_TIMER_MS, positiveDurationMs } from "../../src/config/duration.js";

const messageOf = (input: unknown) => durationMs.safeParse(input).error?.issues[0]?.message;

describe("durationMs", () => {
  it.each([
    ["30s", 30_000],
    ["500ms", 500],
    ["2m", 120_000],
    ["1.5s", 1_500],
    [" 250ms ", 250],
  ])("parses %j as %i ms", (input, expected) => {
    expect(durationMs.parse(input)).toBe(expected);
  });

  it("rounds to whole milliseconds", () => {
    expect(durationMs.parse("1.6ms")).toBe(2);
  });

  it.each([[1], [30], [0], [1.5]])("refuses the bare number %j (a YAML number): it read as ms, so 1 meant 1 ms", (input) => {
    expect(messageOf(input)).toBe(`"${input}" has no unit: a duration needs one, e.g. 1s or 500ms`);
  });

  it.each([["1"], ["30"], ["0"], [" 1500 "], ["1e3"], ["-5"]])("refuses the unitless string %j, as from a flag", (input) => {
    expect(messageOf(input)).toBe(`"${input.trim()}" has no unit: a duration needs one, e.g. 1s or 500ms`);
  });

  it("rejects a word that is not a duration, saying so", () => {
    expect(messageOf("soon")).toBe('not a duration: "soon" (use e.g. 500ms, 30s, 2m)');
  });

  it.each([[""], ["  "]])("rejects the empty duration %j as an issue, not an exception", (input) => {
    expect(messageOf(input)).toContain("not a duration");
  });

  it("says why a value of another type is no duration", () => {
    expect(messageOf(true)).toBe("must be a duration (use e.g. 500ms, 30s, 2m) (got true)");
  });

  it("takes 0 as a duration (an interval), but not as a deadline", () => {
    expect(durationMs.parse("0s")).toBe(0);
    expect(positiveDurationMs.safeParse("0s").error?.issues[0]?.message).toBe("must be longer than 0 (use e.g. 500ms, 30s, 2m)");
    expect(positiveDurationMs.parse("1ms")).toBe(1);
  });

  it("rejects negative durations", () => {
    expect(messageOf("-5s")).toBe('not a duration: "-5s" (use e.g. 500ms, 30s, 2m)');
  });

  it("holds what a Node timer holds (2^31-1 ms) and refuses longer, which would fire at once", () => {
    expect(durationMs.parse(`${MAX_TIMER_MS}ms`)).toBe(2_147_483_647);
    expect(messageOf("2147483648ms")).toBe("2147483648ms is longer than a Node timer holds (2147483647 ms, about 24.8 days): it would fire at once");
    expect(messageOf("25d")).toBe("25d is longer than a Node timer holds (2147483647 ms, about 24.8 days): it would fire at once");
    expect(durationMs.parse("24d")).toBe(24 * 86_400_000);
  });
});

describe("durationText", () => {
  it.each([
    [0, "0ms"],
    [250, "250ms"],
    [1_500, "1500ms"],
    [2_000, "2s"],
    [120_000, "2m"],
    [90_000, "90s"],
  ])("writes %i ms as %s, which parses back to it", (milliseconds, text) => {
    expect(durationText(milliseconds)).toBe(text);
    expect(durationMs.parse(text)).toBe(milliseconds);
  });
});
