import { describe, expect, it } from "vitest";
import { nodesLine } from "../../src/report/node-versions.js";

describe("nodesLine", () => {
  it("groups the nodes by OTP and kernel version, and says unknown for a node that never answered", () => {
    const nodes = [
      { name: "app@n1", otpRelease: "27", otpVersion: "27.3.4.1", kernelVersion: "10.2.7.1" },
      { name: "app@n2", otpRelease: "29", otpVersion: "29.1.2", kernelVersion: "11.0.4" },
      { name: "app@n3", otpRelease: "27", otpVersion: "27.3.4.1", kernelVersion: "10.2.7.1" },
      { name: "app@n4", otpRelease: null, otpVersion: null, kernelVersion: null },
    ];
    expect(nodesLine(nodes)).toBe("nodes: OTP 27.3.4.1, kernel 10.2.7.1: app@n1, app@n3; OTP 29.1.2, kernel 11.0.4: app@n2; OTP unknown: app@n4");
  });
});
