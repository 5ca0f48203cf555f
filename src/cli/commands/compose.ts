import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { newCookie } from "../../cluster/cookie.js";
import { COOKIE_FILE, composeFiles } from "../../compose/compose-files.js";
import { clusterFieldsSchema, clusterRules, onlyWhenFieldsAreValid, withPgDefault } from "../../config/cluster-options.js";
import { parseInput } from "../../config/parse.js";
import { nodeImages } from "../../cluster/node-images.js";
import { nodeImageAlias } from "../../image/node-image.js";
import { UsageError } from "../../errors.js";
import { EXIT } from "../exit-codes.js";
import { flagName } from "../flags.js";
import type { CommandContext } from "../command-context.js";

const composeSchema = clusterFieldsSchema.extend({ out: z.string().min(1).default("compose") }).superRefine(clusterRules, onlyWhenFieldsAreValid).transform(withPgDefault);

/** The project and stack name the printed commands suggest. */
const NAME = "meshproof";

/**
 * `meshproof compose`: make (or find) the node image and write the cluster as
 * a Compose file and a swarm stack file, plus a cookie file if there is none.
 */
export async function composeCommand(raw: z.input<typeof composeSchema>, ctx: CommandContext): Promise<number> {
  const { out, ...options } = parseInput(composeSchema, raw, flagName);
  if (options.image) throw new UsageError("--image: compose writes files for meshproof's own node image");
  if (options.dist === "tls") {
    throw new UsageError("--dist tls: compose files carry no certificates (meshproof makes them per run); use meshproof up or run, or give your compose cluster its own and --attach it with --dist tls --dist-optfile PATH");
  }
  const [tag] = await nodeImages(options, ctx.progress, ctx.signal);
  // the alias is the same on every machine, so the files are too; an image on a --base-image has only its content tag
  const files = composeFiles(options, (release) => (options.baseImage ? tag! : nodeImageAlias(release)));

  await mkdir(out, { recursive: true });
  const cluster = join(out, "cluster.yml");
  const stack = join(out, "stack.yml");
  await writeFile(cluster, files.cluster);
  await writeFile(stack, files.stack);
  ctx.out(cluster);
  ctx.out(stack);
  const cookie = join(out, COOKIE_FILE);
  if (await writeCookieUnlessThere(cookie)) ctx.out(cookie);
  else ctx.say(`kept the existing cookie file ${cookie}`);

  ctx.say(`start it with:  docker-compose -f ${cluster} -p ${NAME} up -d`);
  ctx.say(`or as a stack:  docker stack deploy -c ${stack} ${NAME}`);
  return EXIT.pass;
}

/** A fresh cookie, readable by its owner only; an existing one is kept, since running nodes and swarm secrets hold it. */
async function writeCookieUnlessThere(path: string): Promise<boolean> {
  try {
    await writeFile(path, newCookie(), { mode: 0o600, flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}
