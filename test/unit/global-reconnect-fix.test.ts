import { describe, expect, it } from "vitest";
import { reconnectFixOf } from "../../src/checks/global-reconnect-fix.js";

/* OTP-19381 (erlang/otp #9112) by kernel version: 8.5.4.4 on OTP 25, 9.2.4.6 on 26, 10.2.2 on 27, every kernel 11 and later. */

describe("reconnectFixOf", () => {
  it.each([
    ["8.5.4.4", true],
    ["8.5.4.10", true],
    ["9.2.4.6", true],
    ["9.2.5", true],
    ["10.2.2", true],
    ["10.2.7.1", true],
    ["10.3", true],
    ["11.0.4", true],
    ["12.0", true],
  ])("kernel %s carries the fix", (kernel) => {
    expect(reconnectFixOf(kernel)).toEqual({ kernel, has: true });
  });

  it.each([
    ["8.5.3", "25.3.2.17", "8.5.4.4"],
    ["8.5.4.3", "25.3.2.17", "8.5.4.4"],
    ["8.5.4", "25.3.2.17", "8.5.4.4"],
    ["8.2", "25.3.2.17", "8.5.4.4"],
    ["7.3.1", "25.3.2.17", "8.5.4.4"],
    ["9.2.4.5", "26.2.5.8", "9.2.4.6"],
    ["9.2", "26.2.5.8", "9.2.4.6"],
    ["10.2.1.9", "27.2.2", "10.2.2"],
    ["10.0", "27.2.2", "10.2.2"],
  ])("kernel %s lacks it; OTP %s has it", (kernel, otp, fixedKernel) => {
    expect(reconnectFixOf(kernel)).toEqual({ kernel, has: false, upgradeTo: { otp, kernel: fixedKernel } });
  });

  it.each([[null], [""], ["10.2-rc1"], ["ten"]])("cannot tell for %s", (kernel) => {
    expect(reconnectFixOf(kernel).has).toBe("unknown");
  });
});
