import { z } from "zod";

/**
 * Which running containers make up a cluster meshproof did not start:
 * `compose:PROJECT` (a docker compose project) or `label:KEY=VALUE`.
 */
export const attachSelectorSchema = z
  .string()
  .regex(/^(compose:[\w.-]+|label:[^=\s]+=\S*)$/, "must be compose:PROJECT or label:KEY=VALUE")
  .transform((raw) => {
    const [kind, rest] = [raw.slice(0, raw.indexOf(":")), raw.slice(raw.indexOf(":") + 1)];
    return { raw, labelFilter: kind === "compose" ? `com.docker.compose.project=${rest}` : rest };
  });

export type AttachSelector = z.output<typeof attachSelectorSchema>;
