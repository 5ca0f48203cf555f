import { execa } from "execa";
import { removeRuns } from "../../src/cluster/remove-run.js";
import { isSwarmManager } from "../../src/docker/swarm.js";
import { ensureNodeImage } from "../../src/image/node-image.js";
import { OTP_RELEASES } from "../../src/otp-releases.js";
import type { Progress } from "../../src/progress.js";
import { sweepLeftovers } from "./harness.js";

/* The docker tests share the node images (debootstrap runs once per machine and release) and the CLI build in dist/. */

const log: Progress = {
  start(text) {
    console.log(`[setup] ${text}`);
    return { update() {}, succeed: () => console.log(`[setup] done: ${text}`), fail: () => console.log(`[setup] failed: ${text}`) };
  },
};

export async function setup(): Promise<void> {
  // both real-engine projects name this file; vitest runs each project's setup before any test
  if (process.env.MESHPROOF_DOCKER_SETUP === "done") return;
  process.env.MESHPROOF_DOCKER_SETUP = "done";
  // a run killed midway (a CI job cancelled, a laptop closed) leaves its clusters; the tests count resources from zero
  const swept = await sweepLeftovers();
  if (swept) console.log(`[setup] swept leftovers of an earlier test run: ${swept}`);
  await execa("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
  // every release the tests use: bootstrapped once per machine, here, where no test timeout applies
  for (const otp of OTP_RELEASES) await ensureNodeImage({ otp, progress: log });
  // the swarm tests need a manager; joining (and leaving) reconfigures the engine's networking, which once left a
  // neighbour's new cluster without a mesh for a minute: so it is done here, before any cluster starts, and only if needed
  if (!(await isSwarmManager())) {
    await execa("docker", ["swarm", "init", "--advertise-addr", "127.0.0.1"]);
    process.env.MESHPROOF_TEST_SWARM_JOINED = "yes";
  }
}

/** Every test must clean up after itself: anything left is a leak, reported as a failure (after sweeping it). */
export async function teardown(): Promise<void> {
  const left = await removeRuns("all");
  if (process.env.MESHPROOF_TEST_SWARM_JOINED) {
    delete process.env.MESHPROOF_TEST_SWARM_JOINED;
    await execa("docker", ["swarm", "leave", "--force"]);
  }
  if (left.services || left.containers || left.networks || left.secrets) {
    throw new Error(`docker tests left ${JSON.stringify(left)} behind`);
  }
}
