/** The OTP releases meshproof runs: the ones Debian ships as erlang-base (see image/otp-suites for which suite). */
export const OTP_RELEASES = [25, 27, 29] as const;

export type OtpRelease = (typeof OTP_RELEASES)[number];
