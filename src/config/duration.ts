import ms from "ms";
import { z } from "zod";
import { got } from "./got.js";

const EXAMPLES = "use e.g. 500ms, 30s, 2m";

/** The longest timer Node holds (2^31-1 ms, about 24.8 days): a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A number with nothing after it: which unit it meant is anybody's guess (1 read as 1 ms, not 1 s). */
const BARE_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

const noUnit = (value: string | number) => `"${value}" has no unit: a duration needs one, e.g. 1s or 500ms`;

/**
 * A duration a person writes, with its unit: "30s", "500ms", "2m". A bare
 * number (also "30", or a YAML number) is refused: it read as milliseconds,
 * so `--stable-for 1` was 1 ms. At most what a Node timer holds.
 */
export const durationMs = z
  .string({ error: (issue) => (typeof issue.input === "number" ? noUnit(issue.input) : `must be a duration (${EXAMPLES}) ${got(issue.input)}`) })
  .transform((value, ctx) => {
    const text = value.trim();
    if (BARE_NUMBER.test(text)) {
      ctx.addIssue({ code: "custom", message: noUnit(text) });
      return z.NEVER;
    }
    // ms() throws on an empty string and returns undefined for other non-durations
    const parsed = text === "" ? undefined : ms(text as ms.StringValue);
    if (typeof parsed !== "number" || !Number.isFinite(parsed) || parsed < 0) {
      ctx.addIssue({ code: "custom", message: `not a duration: "${value}" (${EXAMPLES})` });
      return z.NEVER;
    }
    const rounded = Math.round(parsed);
    if (rounded > MAX_TIMER_MS) {
      ctx.addIssue({ code: "custom", message: `${text} is longer than a Node timer holds (${MAX_TIMER_MS} ms, about 24.8 days): it would fire at once` });
      return z.NEVER;
    }
    return rounded;
  });

/** A deadline, a window or a fault's length: zero would give up, or do nothing, before anything could happen. */
export const positiveDurationMs = durationMs.refine((value) => value > 0, `must be longer than 0 (${EXAMPLES})`);

/** A duration as meshproof writes it back for a person (a repro scenario): exact, in the largest unit that keeps it whole. */
export function durationText(milliseconds: number): string {
  if (milliseconds > 0 && milliseconds % 60_000 === 0) return `${milliseconds / 60_000}m`;
  if (milliseconds > 0 && milliseconds % 1_000 === 0) return `${milliseconds / 1_000}s`;
  return `${milliseconds}ms`;
}
