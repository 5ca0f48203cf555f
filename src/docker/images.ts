import type { Readable } from "node:stream";
import { defaultEngine, docker, nativeEngine, type EngineHandle } from "./client.js";
import { followProgress } from "./follow-progress.js";
import { isGone } from "./gone.js";

/** The image's ID if the engine has `ref`, else undefined. */
export async function imageId(ref: string, engine: EngineHandle = defaultEngine()): Promise<string | undefined> {
  try {
    return (await nativeEngine(engine).getImage(ref).inspect()).Id;
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
}

/** Builds `tag` from an in-memory tar context; throws with the log tail on failure. */
export async function buildImage(
  context: Readable,
  options: { tag: string; buildArgs: Record<string, string>; labels: Record<string, string> },
  onLine?: (line: string) => void,
): Promise<void> {
  const stream = await docker().buildImage(context, {
    t: options.tag,
    buildargs: options.buildArgs,
    labels: options.labels,
    rm: true,
    forcerm: true,
  });
  await followProgress(stream, `building ${options.tag}`, onLine);
}

/** Imports a root filesystem tar stream as image `repo:tag`. */
export async function importImage(
  rootfsTar: Readable,
  repo: string,
  tag: string,
  onLine?: (line: string) => void,
): Promise<void> {
  const stream = await docker().importImage(rootfsTar, { repo, tag });
  await followProgress(stream, `importing ${repo}:${tag}`, onLine);
}

/** Gives an image a further name (repo:tag), moving that name from any image that had it. */
export async function tagImage(ref: string, repo: string, tag: string): Promise<void> {
  await docker().getImage(ref).tag({ repo, tag });
}

/** Copies an image (with its tags) from one engine to another through their APIs, as `docker save | docker load` would: no registry. */
export async function copyImage(ref: string, from: EngineHandle, to: EngineHandle): Promise<void> {
  const saved = (await nativeEngine(from).getImage(ref).get()) as Readable;
  const stream = await nativeEngine(to).loadImage(saved, { quiet: true });
  await followProgress(stream, `loading ${ref}`);
}
