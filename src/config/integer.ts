import { z } from "zod";

/**
 * An integer given as a number or as its digits (CLI flags arrive as strings).
 * Stricter than z.coerce.number(), which reads "" as 0 and "1e3" as 1000.
 */
export function integer(min: number, max: number) {
  return z
    .union([z.number(), z.string().regex(/^-?\d+$/, "must be a whole number").transform(Number)])
    .pipe(z.number().int().min(min).max(max));
}
