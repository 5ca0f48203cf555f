import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/docker/client.js";
import { copyImage } from "../../src/docker/images.js";
import { ensureBaseImage } from "../../src/image/base-image.js";
import { ensureNodeImage } from "../../src/image/node-image.js";
import { silentProgress } from "../../src/progress.js";
import { reportSchema } from "../../src/report/report-schema.js";
import { ensureHostImage, removeDindHosts, startDindHosts, type DindHost } from "./dind-hosts.js";

/*
 * A swarm of three Docker hosts on one machine (docker-in-docker), driven as
 * a user drives a real one: DOCKER_HOST at the manager, --node-api reaching
 * every host's engine. The node image is put into the manager only;
 * meshproof must load it into the other two itself.
 */

const HOSTS = 3;
const RUN_TIMEOUT_MS = 600_000;

let hosts: DindHost[] = [];

/** The built CLI against the manager's engine, as a user runs it. */
function meshproof(...args: string[]) {
  return execa("node", ["dist/cli/main.js", ...args], { reject: false, timeout: RUN_TIMEOUT_MS, env: { DOCKER_HOST: hosts[0]!.url } });
}

beforeAll(async () => {
  const swept = await removeDindHosts();
  if (swept) console.log(`[multihost] removed ${swept} host containers an earlier run left`);
  await execa("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
  const base = await ensureBaseImage({ otp: 25, progress: silentProgress });
  const node = await ensureNodeImage({ otp: 25, progress: silentProgress });
  hosts = await startDindHosts(HOSTS, await ensureHostImage(base));
  // the manager has the images meshproof would build there (the same IDs, so it reuses them); the workers have none
  await copyImage(node, defaultEngine(), hosts[0]!.engine);
  await copyImage(base, defaultEngine(), hosts[0]!.engine);
}, 900_000);

afterAll(async () => {
  await removeDindHosts();
}, 120_000);

describe("meshproof run --engine swarm on three hosts", () => {
  it("without --node-api refuses a task on a host it does not reach, naming the host and --node-api", async () => {
    const run = await meshproof("run", "--engine", "swarm", "--nodes", "3", "--kills", "1", "--net-ticktime", "2");
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(2);
    expect(run.stderr).toMatch(/runs on swarm node mh-host-[23] \(.*\), whose engine meshproof does not reach.*--node-api/);
  });

  // partitions with whole sides: after a bridge (seed 15's third fault) OTP 27's global stayed stuck at tick 2 in a CI run of
  // 2026-12-07, swarm or not (docs/limitations.md; the partition tests hold that verdict to its proof)
  it("kills, crashes and partitions nodes on every host through each host's own engine, and every iteration heals", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-multihost-"));
    const run = await meshproof(
      "run", "--engine", "swarm", "--node-api", "tcp://{addr}:2375", "--nodes", "3", "--net-ticktime", "2",
      "--faults", "kill,crash,partition:isolate", "--order", "cycle", "--count", "6", "--seed", "15", "--report", dir,
    );
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stderr).toMatch(/Loading the node image into 2 swarm hosts/);
    expect(run.stderr).toMatch(/nodes on 3 hosts: /);

    const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
    const hostOf = new Map(report.nodes.map((n) => [n.name, n.host]));
    expect(new Set(hostOf.values())).toEqual(new Set(hosts.map((h) => h.name)));
    expect(report.iterations.map((it) => it.verdict)).toEqual(Array(6).fill("pass"));
    for (const iteration of report.iterations) {
      expect(iteration.checks.find((c) => c.name === "fault applied")?.verdict, iteration.fault).toBe("pass");
    }
    // a partition's rules go into every node's own namespace, each through its host's engine; kills and crashes hit their targets' hosts
    const hit = new Set(report.iterations.flatMap((it) => (it.fault === "partition" ? report.nodes.map((n) => n.name) : it.targets)).map((node) => hostOf.get(node)));
    expect(hit.size).toBe(HOSTS);
    const killedOrCrashed = new Set(report.iterations.filter((it) => it.fault !== "partition").flatMap((it) => it.targets.map((node) => hostOf.get(node))));
    expect(killedOrCrashed.size, "kills and crashes on more than one host").toBeGreaterThan(1);
  });

  // a partition across hosts with agents that never redial: the harness must see the mesh stay split, on every host
  it("fails (exit 1) a cluster that does not heal across hosts: agents that never reconnect, after a partition", async () => {
    const run = await meshproof(
      "run", "--engine", "swarm", "--node-api", "tcp://{addr}:2375", "--nodes", "3", "--net-ticktime", "2",
      "--faults", "partition:isolate", "--count", "1", "--agent-reconnect", "off", "--heal-deadline", "8s",
    );
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(1);
    expect(run.stdout).toMatch(/mesh healed fail/);
  });

  it("up, check --run and down: check reaches every host's engine as up did (its --node-api kept on the services)", async () => {
    const up = await meshproof("up", "--engine", "swarm", "--node-api", "tcp://{addr}:2375", "--nodes", "3", "--net-ticktime", "2");
    expect(up.exitCode, up.stderr).toBe(0);
    const runId = up.stdout.trim().split("\n").pop()!;
    const check = await meshproof("check", "--run", runId);
    const down = await meshproof("down", "--run", runId);
    expect(check.exitCode, `${check.stdout}\n${check.stderr}`).toBe(0);
    expect(down.stdout).toContain("removed 3 swarm services");
  });
});
