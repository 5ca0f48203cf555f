/**
 * OTP promises that a release talks (distribution) to the two major releases
 * before it: 27 with 25 and 26, 29 with 27 and 28, not 29 with 25.
 */
export const OTP_WINDOW = 2;

/** Whether releases that run together in one cluster are all within OTP's promise: the newest at most OTP_WINDOW majors after the oldest. */
export function insideOtpWindow(releases: readonly number[]): boolean {
  return Math.max(...releases) - Math.min(...releases) <= OTP_WINDOW;
}
