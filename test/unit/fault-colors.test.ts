import { describe, expect, it } from "vitest";
import { FAULT_KINDS } from "../../src/faults/index.js";
import { faultColor } from "../../src/report/html/fault-colors.js";

describe("faultColor", () => {
  it("gives every kind a color of its own, so that report.html tells them apart", () => {
    const colors = FAULT_KINDS.map(faultColor);
    expect(new Set(colors).size).toBe(FAULT_KINDS.length);
    expect(colors).not.toContain(faultColor("a kind of a later version"));
  });
});
