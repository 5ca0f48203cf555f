import { z } from "zod";
import type { AttachOptions } from "../cluster/open/open-cluster.js";
import { attachSelectorSchema } from "../config/attach-selector.js";
import { parseInput } from "../config/parse.js";
import { UsageError } from "../errors.js";
import { flagName } from "./flags.js";

/** The flags that point a command at a cluster meshproof did not start. */
export interface AttachFlags {
  attach?: string;
  nodeName?: string;
  cookieFile?: string;
  cookieEnv?: string;
}

const attachFlagsSchema = z
  .object({
    attach: attachSelectorSchema,
    nodeName: z.string().regex(/^[^@\s]+@[^@\s]+$/, "must look like NAME@HOST, e.g. app@{hostname}").optional(),
    cookieFile: z.string().min(1).optional(),
    cookieEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name").optional(),
  })
  .refine((o) => !(o.cookieFile && o.cookieEnv), { message: "give at most one of --cookie-file and --cookie-env", path: ["cookieEnv"] });

/** The attach options, or undefined without --attach (then the other attach flags are a mistake). */
export function attachOptionsOf(flags: AttachFlags): AttachOptions | undefined {
  if (flags.attach === undefined) {
    const stray = (["nodeName", "cookieFile", "cookieEnv"] as const).find((key) => flags[key] !== undefined);
    if (stray) throw new UsageError(`${flagName([stray])} only applies with --attach`);
    return undefined;
  }
  const { attach, nodeName, cookieFile, cookieEnv } = flags;
  return parseInput(attachFlagsSchema, { attach, nodeName, cookieFile, cookieEnv }, flagName);
}
