import { z } from "zod";
import { OTP_RELEASES, type OtpRelease } from "../otp-releases.js";
import { got } from "./got.js";
import { integer } from "./integer.js";
import { strictObject } from "./strict-object.js";

export const otpReleaseSchema = integer(0, 99).pipe(
  z.union([z.literal(25), z.literal(27), z.literal(29)], { error: "must be 25 (bookworm), 27 (trixie) or 29 (sid)" }),
);

/** Part of a mixed-release cluster: `count` nodes on `release`, in the order given (27:3,29:2 = n1-n3 on 27, n4-n5 on 29). */
export interface OtpMixPart {
  release: OtpRelease;
  count: number;
}

const mixPartSchema = strictObject({ release: otpReleaseSchema, count: integer(1, 100) });
const MIX_FORMS = "must be a release (25, 27, 29) or a mix such as 27:3,29:2";

/**
 * One release for every node (27), or a mix such as "27:3,29:2" (also in its
 * parsed form, so parsed options parse again). One transform rather than a
 * union, so that a bad value gets its own message, not "Invalid input".
 */
export const otpSchema = z.union([z.number(), z.string(), z.array(mixPartSchema).min(1)], { error: (issue) => `${MIX_FORMS} ${got(issue.input)}` }).transform((raw, ctx): OtpRelease | OtpMixPart[] => {
  if (Array.isArray(raw)) return raw;
  const fail = (message: string) => {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  };
  const text = String(raw);
  if (/^\d+$/.test(text)) {
    const release = otpReleaseSchema.safeParse(text);
    return release.success ? release.data : fail(release.error.issues[0]?.message ?? "unsupported release");
  }
  if (!/^\d+:\d+(,\d+:\d+)*$/.test(text)) return fail(`${MIX_FORMS} ${got(raw)}`);
  const parts = text.split(",").map((part) => part.split(":").map(Number) as [number, number]);
  const unsupported = parts.find(([release]) => !OTP_RELEASES.includes(release as OtpRelease));
  if (unsupported) return fail(`${unsupported[0]} is not a supported release (25, 27, 29)`);
  const empty = parts.find(([, count]) => count < 1);
  if (empty) return fail(`${empty[0]}:${empty[1]} gives no node`);
  return parts.map(([release, count]) => ({ release: release as OtpRelease, count }));
});

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
