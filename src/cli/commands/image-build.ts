import { z } from "zod";
import { clusterFieldsSchema } from "../../config/cluster-options.js";
import { otpReleaseSchema } from "../../config/otp.js";
import { parseInput } from "../../config/parse.js";
import { ensureNodeImage } from "../../image/node-image.js";
import { EXIT } from "../exit-codes.js";
import { flagName } from "../flags.js";
import type { CommandContext } from "../command-context.js";

// the fields without the rules between them: zod refuses to pick from a schema with refinements
const imageBuildSchema = clusterFieldsSchema.pick({ baseImage: true, mirror: true }).extend({ otp: otpReleaseSchema.default(27) });

/** `meshproof image build`: make (or find) the node image and print its tag. */
export async function imageBuildCommand(raw: z.input<typeof imageBuildSchema>, ctx: CommandContext): Promise<number> {
  const options = parseInput(imageBuildSchema, raw, flagName);
  const started = performance.now();
  const tag = await ensureNodeImage({ ...options, progress: ctx.progress, signal: ctx.signal });
  ctx.say(`node image ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  ctx.out(tag);
  return EXIT.pass;
}
