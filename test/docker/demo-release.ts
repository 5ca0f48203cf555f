import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pack } from "tar-stream";
import { docker } from "../../src/docker/client.js";
import { buildImage } from "../../src/docker/images.js";
import { ensureBaseImage } from "../../src/image/base-image.js";
import type { OtpRelease } from "../../src/image/otp-suites.js";
import { silentProgress } from "../../src/progress.js";

/* The user's release of the docker tests (test/docker/fixtures/demo-release): built from meshproof's Debian base, run by its own node command. */

const FIXTURE = "test/docker/fixtures/demo-release";

/** How meshproof starts a node of the release: its peers for its own discovery, the run's tick. */
export const DEMO_NODE_CMD = 'DEMO_PEERS="{peers}" exec erl -sname {name} -noshell -kernel net_ticktime {net_ticktime} -boot /opt/demo/demo';

/** The fixture as a build context, with `dockerfile` as its Dockerfile. */
async function context(dockerfile: string): Promise<Readable> {
  const archive = pack();
  archive.entry({ name: "Dockerfile" }, await readFile(join(FIXTURE, dockerfile)));
  for (const name of await readdir(join(FIXTURE, "src"))) archive.entry({ name: `src/${name}` }, await readFile(join(FIXTURE, "src", name)));
  archive.finalize();
  return Readable.from(archive);
}

/** Builds the release on the base of `otp` as `tag`. */
export async function buildDemo(tag: string, otp: OtpRelease): Promise<void> {
  const base = await ensureBaseImage({ otp, progress: silentProgress });
  await buildImage(await context("Dockerfile"), { tag, buildArgs: { BASE_IMAGE: base }, labels: {} });
}

/** The release without escript, built on `demoTag`. */
export async function buildDemoWithoutEscript(tag: string, demoTag: string): Promise<void> {
  await buildImage(await context("Dockerfile.no-escript"), { tag, buildArgs: { DEMO_IMAGE: demoTag }, labels: {} });
}

export async function removeImages(...tags: string[]): Promise<void> {
  for (const tag of tags) await docker().getImage(tag).remove().catch(() => undefined);
}
