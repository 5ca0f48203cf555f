import { z } from "zod";
import { otpReleaseSchema, type OtpMixPart } from "../config/otp.js";
import type { OtpRelease } from "../otp-releases.js";
import type { ClusterOptions } from "../config/cluster-options.js";
import { insideOtpWindow, OTP_WINDOW } from "./otp-window.js";

export type Dist = ClusterOptions["dist"];

/** One cell of the compatibility matrix: a single release (a = b), or two mixed. */
export interface MatrixCell {
  a: OtpRelease;
  b: OtpRelease;
}

const releaseOf = (raw: string, ctx: z.RefinementCtx): OtpRelease => {
  const parsed = otpReleaseSchema.safeParse(raw);
  if (!parsed.success) ctx.addIssue({ code: "custom", message: `${raw}: ${parsed.error.issues[0]?.message}` });
  return parsed.data ?? 25;
};

/** "25,27,29": the releases to cross, each once, oldest first. */
export const releaseListSchema = z
  .string()
  .regex(/^\d+(,\d+)*$/, "must list releases such as 25,27,29")
  .transform((raw, ctx) => raw.split(",").map((r) => releaseOf(r, ctx)))
  .refine((list) => new Set(list).size === list.length, "a release is listed twice")
  .transform((list) => [...list].sort((x, y) => x - y));

/** "tcp,tls": the distributions each cell runs on, each once, in the order given. */
export const distListSchema = z
  .string()
  .regex(/^(tcp|tls)(,(tcp|tls))*$/, "must list distributions: tcp, tls or tcp,tls")
  .transform((raw) => raw.split(",") as Dist[])
  .refine((list) => new Set(list).size === list.length, "a distribution is listed twice");

/**
 * "27-29,25": cells that must pass for the matrix to pass; a cell named by one
 * release means that release alone. A pair outside OTP's compatibility window
 * cannot be required: OTP does not promise it works.
 */
export const requiredCellsSchema = z
  .string()
  .regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, "must list cells such as 27-29 or 27 (comma-separated)")
  .transform((raw, ctx) =>
    raw.split(",").map((cell) => {
      const [x, y = x] = cell.split("-").map((r) => releaseOf(r, ctx));
      return cellOf(x!, y!);
    }),
  )
  .superRefine((cells, ctx) => {
    for (const cell of cells.filter((c) => !insideOtpWindow([c.a, c.b]))) {
      const message = `${cellName(cell)} is outside OTP's compatibility window (a release talks to the ${OTP_WINDOW} major releases before it): it can be tabulated, not required`;
      ctx.addIssue({ code: "custom", message });
    }
  });

/** Every release alone, then every pair mixed: rows and columns of the table. */
export function matrixCells(releases: readonly OtpRelease[]): MatrixCell[] {
  const singles = releases.map((r) => cellOf(r, r));
  const pairs = releases.flatMap((a, i) => releases.slice(i + 1).map((b) => cellOf(a, b)));
  return [...singles, ...pairs];
}

export function cellOf(x: OtpRelease, y: OtpRelease): MatrixCell {
  return x <= y ? { a: x, b: y } : { a: y, b: x };
}

export function cellName(cell: MatrixCell): string {
  return cell.a === cell.b ? String(cell.a) : `${cell.a}-${cell.b}`;
}

/** A cell's name in a matrix of several distributions says which it ran on ("27-29 over tls"); with one, the releases say it all. */
export function cellRunName(name: string, dist: Dist, dists: readonly Dist[]): string {
  return dists.length > 1 ? `${name} over ${dist}` : name;
}

/** The cluster's OTP setting for a cell: one release, or the older on the first half of the nodes (rounded up) and the newer on the rest. */
export function cellOtp(cell: MatrixCell, nodes: number): OtpRelease | OtpMixPart[] {
  if (cell.a === cell.b) return cell.a;
  const older = Math.ceil(nodes / 2);
  return [
    { release: cell.a, count: older },
    { release: cell.b, count: nodes - older },
  ];
}
