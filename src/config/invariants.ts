import { z } from "zod";
import { got } from "./got.js";
import { strictObject } from "./strict-object.js";

/**
 * How an invariant's values on the connected nodes must relate: `equal` (one
 * value on all), `unique` (no value on two nodes), `true` (each node's is true).
 */
export const INVARIANT_RULES = ["equal", "unique", "true"] as const;
export type InvariantRule = (typeof INVARIANT_RULES)[number];

/** `mod:fun` alone means the call mod:fun(). */
const CALL_SHORTHAND = /^[a-z][A-Za-z0-9_@]*:[a-z][A-Za-z0-9_@]*$/;

/** An Erlang expression (or `mod:fun`), evaluated on every node through the probe; no trailing dot. */
const expressionSchema = z
  .string()
  .trim()
  .min(1, "an Erlang expression, or module:function")
  .refine((text) => !text.endsWith("."), "an Erlang expression without the trailing dot")
  .transform((text) => (CALL_SHORTHAND.test(text) ? `${text}()` : text));

export const invariantSchema = strictObject({
  /** What the reports call it; default: the expression. */
  name: z.string().min(1).optional(),
  expr: expressionSchema,
  rule: z.enum(INVARIANT_RULES, { error: (issue) => `must be one of ${INVARIANT_RULES.join(", ")} (on the command line: --invariant RULE:EXPRESSION) ${got(issue.input)}` }),
}).transform((raw) => ({ name: raw.name ?? raw.expr, expr: raw.expr, rule: raw.rule }));
export type Invariant = z.output<typeof invariantSchema>;

/** `--invariant RULE:EXPRESSION` ("unique:node()", "equal:my_app:members") as the scenario's fields, to be judged by invariantSchema. */
export function invariantFromFlag(text: string): { rule: string; expr: string } {
  const colon = text.indexOf(":");
  return colon < 0 ? { rule: text, expr: "" } : { rule: text.slice(0, colon), expr: text.slice(colon + 1) };
}
