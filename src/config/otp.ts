import { z } from "zod";
import { OTP_RELEASES, type OtpRelease } from "../image/otp-suites.js";
import { integer } from "./integer.js";

export const otpReleaseSchema = integer(0, 99).pipe(
  z.union([z.literal(25), z.literal(27), z.literal(29)], { error: "must be 25 (bookworm), 27 (trixie) or 29 (sid)" }),
);

/** Part of a mixed-release cluster: `count` nodes on `release`, in the order given (27:3,29:2 = n1-n3 on 27, n4-n5 on 29). */
export interface OtpMixPart {
  release: OtpRelease;
  count: number;
}

/** One release for every node (27), or a mix such as "27:3,29:2". */
export const otpSchema = z.union([
  otpReleaseSchema,
  z
    .string()
    .regex(/^\d+:\d+(,\d+:\d+)*$/, "must be a release (25, 27, 29) or a mix such as 27:3,29:2")
    .transform((raw, ctx): OtpMixPart[] => {
      const parts = raw.split(",").map((part) => part.split(":").map(Number) as [number, number]);
      for (const [release, count] of parts) {
        if (!OTP_RELEASES.includes(release as OtpRelease)) ctx.addIssue({ code: "custom", message: `${release} is not a supported release (25, 27, 29)` });
        if (count < 1) ctx.addIssue({ code: "custom", message: `${release}:${count} gives no node` });
      }
      return parts.map(([release, count]) => ({ release: release as OtpRelease, count }));
    }),
  // the parsed form, so parsed options parse again
  z.array(z.object({ release: otpReleaseSchema, count: z.number().int().min(1) })).min(1),
]);

export type Otp = z.output<typeof otpSchema>;

/** The release of each node, n1 first. */
export function releasesByNode(otp: Otp, nodes: number): OtpRelease[] {
  return typeof otp === "number" ? Array.from({ length: nodes }, () => otp) : otp.flatMap((part) => Array.from({ length: part.count }, () => part.release));
}

/** Each release once, in the order given. */
export function releasesOf(otp: Otp): OtpRelease[] {
  return typeof otp === "number" ? [otp] : [...new Set(otp.map((part) => part.release))];
}

/** As the user writes it: 27, or 27:3,29:2. */
export function otpText(otp: Otp): string {
  return typeof otp === "number" ? String(otp) : otp.map((part) => `${part.release}:${part.count}`).join(",");
}

/** Why a mix does not fit the node count, if it does not. */
export function otpMixProblem(otp: Otp, nodes: number): string | undefined {
  if (typeof otp === "number") return undefined;
  const total = otp.reduce((sum, part) => sum + part.count, 0);
  return total === nodes ? undefined : `the mix ${otpText(otp)} makes ${total} nodes, but the cluster has ${nodes} (set nodes to ${total})`;
}
