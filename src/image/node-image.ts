import { createHash } from "node:crypto";
import { buildImage, imageId } from "../docker/images.js";
import { asStep } from "../progress.js";
import { ensureBaseImage, type BaseImageOptions } from "./base-image.js";
import { nodeImageContext } from "./build-context.js";

const NODE_REPO = "meshproof/node";

/**
 * The image every node runs: the base plus the compiled agent and probe.
 * Tagged by a hash of its inputs (base image ID and build context), so an
 * unchanged image is found and reused instead of rebuilt.
 */
export async function ensureNodeImage(options: BaseImageOptions): Promise<string> {
  const base = await ensureBaseImage(options);
  const [baseId, context] = await Promise.all([imageId(base), nodeImageContext()]);
  const tag = `${NODE_REPO}:${createHash("sha256").update(`${baseId}\0${context.hash}`).digest("hex").slice(0, 16)}`;
  if (await imageId(tag)) return tag;

  await asStep(options.progress, `Building node image ${tag}`, (step) =>
    buildImage(
      context.tar(),
      { tag, buildArgs: { BASE_IMAGE: base }, labels: { "meshproof.image": "node" } },
      (line) => step.update(`Building node image: ${line}`),
    ),
  );
  return tag;
}
