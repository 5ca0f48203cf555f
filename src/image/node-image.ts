import { createHash } from "node:crypto";
import { buildImage, imageId, tagImage } from "../docker/images.js";
import type { OtpRelease } from "../otp-releases.js";
import { asStep } from "../progress.js";
import { ensureBaseImage, type BaseImageOptions } from "./base-image.js";
import { nodeImageContext } from "./build-context.js";

const NODE_REPO = "meshproof/node";

/**
 * The stable name of the latest node image built on a debootstrapped base,
 * e.g. meshproof/node:otp25: what generated compose and stack files refer to,
 * since the content tag also hashes the base image's ID, which differs from
 * machine to machine.
 */
export function nodeImageAlias(otp: OtpRelease): string {
  return `${NODE_REPO}:otp${otp}`;
}

/**
 * The image every node runs: the base plus the compiled agent and probe.
 * Tagged by a hash of its inputs (base image ID and build context), so an
 * unchanged image is found and reused instead of rebuilt.
 */
export async function ensureNodeImage(options: BaseImageOptions): Promise<string> {
  const base = await ensureBaseImage(options);
  const [baseId, context] = await Promise.all([imageId(base), nodeImageContext()]);
  const tag = `${NODE_REPO}:${createHash("sha256").update(`${baseId}\0${context.hash}`).digest("hex").slice(0, 16)}`;
  if (!(await imageId(tag))) await build(tag, base, context, options);
  if (!options.baseImage) await tagImage(tag, NODE_REPO, `otp${options.otp}`);
  return tag;
}

async function build(tag: string, base: string, context: Awaited<ReturnType<typeof nodeImageContext>>, options: BaseImageOptions): Promise<void> {
  await asStep(options.progress, `Building node image ${tag}`, (step) =>
    buildImage(
      context.tar(),
      { tag, buildArgs: { BASE_IMAGE: base }, labels: { "meshproof.image": "node" } },
      (line) => step.update(`Building node image: ${line}`),
    ),
  );
}
