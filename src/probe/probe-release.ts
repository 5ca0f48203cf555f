import { UsageError } from "../errors.js";
import { OTP_RELEASES, type OtpRelease } from "../otp-releases.js";

/**
 * Which build of the probe a node of `otpRelease` can load: the newest
 * release meshproof builds (25, 27, 29) that is not newer than the node's. A
 * VM refuses beams from a much older compiler (OTP 29 refuses OTP 25's), and
 * any from a newer one.
 */
export function probeReleaseFor(otpRelease: string, where: string): OtpRelease {
  const release = Number(otpRelease);
  const fit = OTP_RELEASES.filter((r) => r <= release).at(-1);
  if (!Number.isInteger(release) || fit === undefined) {
    throw new UsageError(`${where} runs OTP ${otpRelease || "(unknown)"}; meshproof's probe needs OTP ${OTP_RELEASES[0]} or later`);
  }
  return fit;
}

/** The shell command that prints the release of the `erl` on the PATH. */
export const PRINT_OTP_RELEASE = `erl -noshell -eval 'io:format("~s~n", [erlang:system_info(otp_release)]), halt().'`;
