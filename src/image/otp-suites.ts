/** Which Debian suite ships which OTP release as erlang-base. */
export const SUITE_BY_OTP = {
  25: "bookworm",
  27: "trixie",
  29: "sid",
} as const;

export type OtpRelease = keyof typeof SUITE_BY_OTP;
export const OTP_RELEASES = Object.keys(SUITE_BY_OTP).map(Number) as OtpRelease[];
