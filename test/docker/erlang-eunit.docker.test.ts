import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pack } from "tar-stream";
import { describe, expect, it } from "vitest";
import { buildImage, imageId } from "../../src/docker/images.js";
import { LABEL_RUN } from "../../src/docker/labels.js";
import { runOnce } from "../../src/docker/run-once.js";
import { ensureNodeImage } from "../../src/image/node-image.js";
import type { OtpRelease } from "../../src/otp-releases.js";
import { packageRoot } from "../../src/package-root.js";
import { silentProgress } from "../../src/progress.js";

/*
 * The EUnit tests of erlang/test (the probe's op table, the JSON codec, the
 * layer reads on a bare node), run in a container of each release's node
 * image with Debian's EUnit added (images/eunit/Dockerfile), against the
 * modules as the node image compiled them.
 */

/** The node image plus EUnit and the compiled tests; built once per node image. */
async function eunitImage(otp: OtpRelease): Promise<string> {
  const node = await ensureNodeImage({ otp, progress: silentProgress });
  const tag = `meshproof/eunit:${node.split(":")[1]}`;
  if (await imageId(tag)) return tag;
  const context = pack();
  context.entry({ name: "Dockerfile" }, await readFile(join(packageRoot, "images", "eunit", "Dockerfile")));
  context.finalize();
  await buildImage(Readable.from(context), { tag, buildArgs: { NODE_IMAGE: node }, labels: { "meshproof.image": "eunit" } });
  return tag;
}

/** Runs EUnit on `tests` (an Erlang expression) with the agent's, the shared and the probe's modules on the path; exit 0 only if all passed. */
function eunit(image: string, tests: string) {
  const run = `R = eunit:test(${tests}, []), halt(case R of ok -> 0; _ -> 1 end).`;
  return runOnce({
    image,
    cmd: ["erl", "-noshell", "-pa", "/opt/meshproof/ebin", "/opt/meshproof/probe-ebin", "/opt/meshproof/test-ebin", "-eval", run],
    networkMode: "none",
    labels: { [LABEL_RUN]: "eunit" },
  });
}

/**
 * OTP 25 and 27: sid's (OTP 29's) Release file is expired by this machine's
 * clock, so apt-get refuses it (Acquire::Check-Valid-Until=false would let it,
 * not tried yet); the contract test covers OTP 29's probe.
 */
const RELEASES: OtpRelease[] = [25, 27];

const ALL_TESTS = `[list_to_atom(filename:basename(F, ".beam")) || F <- filelib:wildcard("/opt/meshproof/test-ebin/*.beam")]`;

describe.each(RELEASES)("EUnit on OTP %s", (otp) => {
  it("passes every test of erlang/test", async () => {
    const run = await eunit(await eunitImage(otp), ALL_TESTS);
    expect(run.output).toMatch(/All \d+ tests passed/);
    expect(Number(/All (\d+) tests passed/.exec(run.output)?.[1]), "a test module was not found or not run").toBeGreaterThanOrEqual(70);
    expect(run.exitCode, run.output).toBe(0);
  });

  it("fails, naming the failure, when a test fails (the runner's negative control)", async () => {
    const run = await eunit(await eunitImage(otp), `fun() -> {ok, 1} = meshproof_json:decode(<<"2">>) end`);
    expect(run.exitCode).toBe(1);
    expect(run.output).toContain("badmatch");
    expect(run.output).toMatch(/Failed: 1\./);
  });
});
