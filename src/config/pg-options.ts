import { z } from "zod";
import { erlangAtom } from "./erlang-atom.js";
import { got } from "./got.js";
import { integer } from "./integer.js";

/** The pg scope whose groups the checks read (an atom, as pg's scope is a registered name). */
export const pgScopeSchema = z.string().regex(erlangAtom.pattern, erlangAtom.why);

const FORMS = 'must be GROUP:MEMBERS,... (e.g. "pool:2,jobs:1"), "none", or a mapping such as { pool: 2 }';

/** Group name -> members each node contributes; on the command line "pool:2,jobs:1", or "none". */
export const pgGroupsSchema = z
  .union([z.string(), z.record(z.string(), z.number())], { error: (issue) => `${FORMS} ${got(issue.input)}` })
  .transform((raw, ctx): Record<string, unknown> => {
    if (typeof raw !== "string") return raw;
    if (raw === "none") return {};
    if (/^\w+:\d+(,\w+:\d+)*$/.test(raw)) return Object.fromEntries(raw.split(",").map((part) => part.split(":")));
    ctx.addIssue({ code: "custom", message: `${FORMS} ${got(raw)}` });
    return z.NEVER;
  })
  .pipe(
    z.record(z.string().regex(erlangAtom.pattern), integer(0, 100), {
      error: (issue) => (issue.code === "invalid_key" ? `a group name ${erlangAtom.why}` : undefined),
    }),
  );
