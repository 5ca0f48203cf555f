import type { OtpRelease } from "../otp-releases.js";

/** Which Debian suite ships which OTP release as erlang-base. */
export const SUITE_BY_OTP = {
  25: "bookworm",
  27: "trixie",
  29: "sid",
} as const satisfies Record<OtpRelease, string>;
