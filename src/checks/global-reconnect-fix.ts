/**
 * OTP-19381 (erlang/otp #9112, #9117: global's state went inconsistent when a
 * connection was reconnected, leaving pending syncs and a lock never
 * released) is fixed from these kernel versions on, per kernel major: OTP
 * 25.3.2.17, 26.2.5.8 and 27.2.2. Kernel 11 (OTP 28) and later carry it.
 */
const FIXED_IN: ReadonlyMap<number, { kernel: string; otp: string }> = new Map([
  [8, { kernel: "8.5.4.4", otp: "25.3.2.17" }],
  [9, { kernel: "9.2.4.6", otp: "26.2.5.8" }],
  [10, { kernel: "10.2.2", otp: "27.2.2" }],
]);
const FIRST_MAJOR_WITH_FIX = 11;

/** Whether a kernel version carries the fix; the patch to upgrade to when it does not; unknown for a version that does not read as one. */
export type ReconnectFix = { kernel: string; has: true } | { kernel: string; has: false; upgradeTo: { kernel: string; otp: string } } | { kernel: string | null; has: "unknown" };

export function reconnectFixOf(kernel: string | null): ReconnectFix {
  const parts = kernel?.split(".").map(Number);
  if (!kernel || !parts?.every((p) => Number.isInteger(p) && p >= 0)) return { kernel, has: "unknown" };
  const major = parts[0]!;
  if (major >= FIRST_MAJOR_WITH_FIX) return { kernel, has: true };
  // kernel 7 and older (OTP 23 and 24) never got it: the oldest release that did is the way out
  const fixed = FIXED_IN.get(major) ?? FIXED_IN.get(8)!;
  return FIXED_IN.has(major) && compareVersions(parts, fixed.kernel.split(".").map(Number)) >= 0 ? { kernel, has: true } : { kernel, has: false, upgradeTo: fixed };
}

/** Component by component, a missing one counting as 0 (10.2.2 = 10.2.2.0 < 10.2.7.1). */
function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}
