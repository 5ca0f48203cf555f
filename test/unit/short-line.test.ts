import { describe, expect, it } from "vitest";
import { shortLine } from "../../src/matrix/short-line.js";

describe("shortLine", () => {
  it("keeps a short line whole", () => {
    expect(shortLine("mesh: app@n1 sees 2 of 4 peers")).toEqual({ line: "mesh: app@n1 sees 2 of 4 peers", cut: false });
    expect(shortLine("  padded\n")).toEqual({ line: "padded", cut: false });
  });

  it("keeps the first line of several, and says the rest was left out", () => {
    expect(shortLine("first\nsecond\nthird")).toEqual({ line: "first", cut: true });
    expect(shortLine("\n  first  \nsecond")).toEqual({ line: "first", cut: true });
  });

  it("cuts a long line at the limit", () => {
    expect(shortLine("abcdefghij", 4)).toEqual({ line: "abcd", cut: true });
    expect(shortLine("ab  cdefgh", 4)).toEqual({ line: "ab", cut: true });
    expect(shortLine("abcd", 4)).toEqual({ line: "abcd", cut: false });
  });
});
