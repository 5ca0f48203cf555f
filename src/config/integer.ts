import { z } from "zod";
import { got } from "./got.js";

/**
 * An integer in [min, max], given as a number or as its digits (CLI flags
 * arrive as strings). Stricter than z.coerce.number(), which reads "" as 0 and
 * "1e3" as 1000. Every refusal says the range and what was given.
 */
export function integer(min: number, max: number) {
  const why = `must be a whole number from ${min} to ${max}`;
  return z.union([z.number(), z.string()], { error: (issue) => `${why} ${got(issue.input)}` }).transform((raw, ctx) => {
    const value = typeof raw === "number" ? raw : /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    ctx.addIssue({ code: "custom", message: `${why} ${got(raw)}` });
    return z.NEVER;
  });
}
