import { describe, expect, it } from "vitest";
import { insideOtpWindow } from "../../src/matrix/otp-window.js";

describe("insideOtpWindow", () => {
  it("holds a release alone", () => {
    expect(insideOtpWindow([25])).toBe(true);
    expect(insideOtpWindow([29, 29])).toBe(true);
  });

  it("holds a release with the two major releases before it", () => {
    expect(insideOtpWindow([27, 25])).toBe(true);
    expect(insideOtpWindow([26, 27])).toBe(true);
    expect(insideOtpWindow([27, 29])).toBe(true);
    expect(insideOtpWindow([28, 29])).toBe(true);
  });

  it("does not hold releases three or more majors apart, whichever they are", () => {
    expect(insideOtpWindow([25, 29])).toBe(false);
    expect(insideOtpWindow([29, 25])).toBe(false);
    expect(insideOtpWindow([26, 29])).toBe(false);
    expect(insideOtpWindow([30, 33])).toBe(false);
  });

  it("judges a mix of several releases by its oldest and newest", () => {
    expect(insideOtpWindow([25, 26, 27])).toBe(true);
    expect(insideOtpWindow([27, 25, 29])).toBe(false);
    expect(insideOtpWindow([27, 28, 30])).toBe(false);
  });
});
