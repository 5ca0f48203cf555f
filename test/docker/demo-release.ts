import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pack } from "tar-stream";
import { docker } from "../../src/docker/client.js";
import { buildImage } from "../../src/docker/images.js";
import { ensureBaseImage } from "../../src/image/base-image.js";
import type { OtpRelease } from "../../src/otp-releases.js";
import { silentProgress } from "../../src/progress.js";
import type { TlsMaterial } from "../../src/cluster/tls/certificates.js";
import { distOptfileText } from "../../src/cluster/tls/dist-optfile.js";

/* The user's release of the docker tests (test/docker/fixtures/demo-release): built from meshproof's Debian base, run by its own node command. */

const FIXTURE = "test/docker/fixtures/demo-release";

/**
 * The release the demo is built on where a test needs a healthy cluster: Debian stable's OTP 27, which carries
 * global's fix OTP-19381. Bookworm's 25.2.3 lacks it: after a crash on a loaded host its global stayed stuck
 * (meshproof said so, rightly), which would make a positive control fail on OTP's bug.
 */
export const DEMO_OTP = 27;

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

/**
 * The release with TLS distribution set up as a user would: the CA, each
 * host's certificate and key, and an ssl_dist_optfile naming the node's own
 * (which its node command copies into place from its host's), all the demo
 * user's.
 */
export async function buildDemoWithTls(tag: string, demoTag: string, material: TlsMaterial): Promise<void> {
  const dir = "/opt/demo/tls";
  const archive = pack();
  archive.entry({ name: "Dockerfile" }, "ARG DEMO_IMAGE\nFROM ${DEMO_IMAGE}\nCOPY --chown=demo tls " + dir + "\n");
  archive.entry({ name: "tls/ca.pem" }, material.caCertificate);
  archive.entry({ name: "tls/ssl_dist.conf" }, distOptfileText({ cacertfile: `${dir}/ca.pem`, certfile: `${dir}/node.pem`, keyfile: `${dir}/node.key` }));
  for (const node of material.nodes) {
    archive.entry({ name: `tls/${node.host}.pem` }, node.certificate);
    archive.entry({ name: `tls/${node.host}.key`, mode: 0o400 }, node.key);
  }
  archive.finalize();
  await buildImage(Readable.from(archive), { tag, buildArgs: { DEMO_IMAGE: demoTag }, labels: {} });
}

/** How a node of that image starts: its host's certificate into place, then the release's application over TLS distribution. */
export const DEMO_TLS_OPTFILE = "/opt/demo/tls/ssl_dist.conf";
export const DEMO_TLS_NODE_CMD =
  "cp -f /opt/demo/tls/{host}.pem /opt/demo/tls/node.pem && cp -f /opt/demo/tls/{host}.key /opt/demo/tls/node.key && " +
  `DEMO_PEERS="{peers}" exec erl -sname {name} -noshell -kernel net_ticktime {net_ticktime} -proto_dist inet_tls -ssl_dist_optfile ${DEMO_TLS_OPTFILE} ` +
  "-pa /opt/demo/ebin -eval '{ok, _} = application:ensure_all_started(demo)'";
