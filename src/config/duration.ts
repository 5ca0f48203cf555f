import ms from "ms";
import { z } from "zod";
import { got } from "./got.js";

const EXAMPLES = "use e.g. 500ms, 30s, 2m";

/** A duration given as "30s", "500ms", "2m" or a number of milliseconds. */
export const durationMs = z.union([z.number(), z.string()], { error: (issue) => `must be a duration (${EXAMPLES}) ${got(issue.input)}` }).transform((value, ctx) => {
  // ms() throws on an empty string and returns undefined for other non-durations
  const parsed = typeof value === "number" ? value : value.trim() === "" ? undefined : ms(value as ms.StringValue);
  if (typeof parsed !== "number" || !Number.isFinite(parsed) || parsed < 0) {
    ctx.addIssue({ code: "custom", message: `not a duration: "${value}" (${EXAMPLES})` });
    return z.NEVER;
  }
  return Math.round(parsed);
});

/** A deadline or window: zero would give up before anything could happen. */
export const positiveDurationMs = durationMs.refine((value) => value > 0, `must be longer than 0 (${EXAMPLES})`);
