import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { probeReleaseFor } from "../../src/probe/probe-release.js";

describe("probeReleaseFor", () => {
  it.each([
    ["25", 25],
    ["26", 25],
    ["27", 27],
    ["28", 27],
    ["29", 29],
    ["30", 29],
  ])("gives a node on OTP %s the probe built on %i (never newer, never more than it can load)", (release, probe) => {
    expect(probeReleaseFor(release, "app@n1")).toBe(probe);
  });

  it.each(["24", "", "R16B", "banana"])("refuses OTP %j, naming where it was found", (release) => {
    expect(() => probeReleaseFor(release, "--image x")).toThrow(UsageError);
    expect(() => probeReleaseFor(release, "--image x")).toThrow(/^--image x runs OTP .*; meshproof's probe needs OTP 25 or later$/);
  });
});
