import { z } from "zod";
import { positiveDurationMs } from "../config/duration.js";
import { FAULT_KINDS } from "../faults/index.js";

const perKind = z.partialRecord(z.enum(FAULT_KINDS), positiveDurationMs);
const isMapping = (value: unknown) => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * The p95 of each fault kind's heal times: one budget for every kind (10s),
 * or one per kind ({ kill: 2s, partition: 20s }). Told apart by the value's
 * type rather than as a union, so that a bad value is named for itself ("2"
 * has no unit, at healP95.kill) instead of as an invalid input.
 */
export const healBudgetSchema = z.unknown().transform((value, ctx) => {
  const parsed = isMapping(value) ? perKind.safeParse(value) : positiveDurationMs.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  return z.NEVER;
});
