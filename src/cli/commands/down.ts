import { z } from "zod";
import { removeRuns } from "../../cluster/remove-run.js";
import { parseInput } from "../../config/parse.js";
import { EXIT } from "../exit-codes.js";
import { flagName } from "../flags.js";
import type { CommandContext } from "../command-context.js";

const downSchema = z
  .object({ run: z.string().regex(/^[a-z0-9]+$/, "a run id as printed by meshproof").optional(), all: z.boolean().default(false) })
  .refine((o) => (o.run === undefined) !== !o.all, { message: "give exactly one of --run ID or --all", path: ["run"] });

/** `meshproof down`: remove the labeled services, containers, networks and secrets of one run or of all runs. */
export async function downCommand(raw: z.input<typeof downSchema>, ctx: CommandContext): Promise<number> {
  const options = parseInput(downSchema, raw, flagName);
  const removed = await removeRuns(options.all ? "all" : options.run!);
  ctx.out(`removed ${removed.services} swarm services, ${removed.containers} containers, ${removed.networks} networks and ${removed.secrets} secrets`);
  return EXIT.pass;
}
