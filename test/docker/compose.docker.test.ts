import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectationsOf, judgeHealthy } from "../../src/checks/healthy.js";
import { nodeNames } from "../../src/cluster/cluster-node.js";
import { newCookie } from "../../src/cluster/cookie.js";
import { LABEL_NODE } from "../../src/docker/labels.js";
import { containerByName, listContainers } from "../../src/docker/containers.js";
import { ensureNodeImage } from "../../src/image/node-image.js";
import { pollUntil } from "../../src/poll.js";
import { observeNode } from "../../src/probe/observe-node.js";
import { runProbe } from "../../src/probe/run-probe.js";
import { silentProgress } from "../../src/progress.js";
import { meshproofCli, runResources, testComposeProject } from "./harness.js";

/*
 * The committed compose/cluster.yml as a user runs it: Debian's docker-compose, a fresh cookie, no harness in between;
 * and `meshproof down --all` beside it, which removes every run on the engine (so this file has the engine to itself).
 */

const NODES = nodeNames(5);
const PROBE_TIMEOUT_MS = 10_000;

const project = testComposeProject("compose");
let dir: string | undefined;

function compose(...args: string[]) {
  if (!dir) throw new Error("no compose directory");
  return execa("docker-compose", ["-f", join(dir, "cluster.yml"), "-p", project, ...args], { timeout: 120_000 });
}

beforeAll(async () => {
  // tags meshproof/node:otp27, the image the file names
  await ensureNodeImage({ otp: 27, progress: silentProgress });
  dir = await mkdtemp(join(tmpdir(), "meshproof-compose-"));
  await copyFile("compose/cluster.yml", join(dir, "cluster.yml"));
  await writeFile(join(dir, "cookie"), newCookie(), { mode: 0o600 });
});

afterAll(async () => {
  if (!dir) return;
  try {
    await compose("down", "-v");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

describe("compose/cluster.yml", () => {
  it("starts 5 nodes with docker-compose that form the full mesh and converge pg by themselves", async () => {
    await compose("up", "-d");
    const containers = await listContainers([`com.docker.compose.project=${project}`]);
    expect(containers.map((c) => c.labels[LABEL_NODE]).sort()).toEqual(NODES);

    const observe = () =>
      Promise.all(
        containers.map((c) =>
          observeNode((requests) => runProbe(containerByName(c.id), requests, { timeoutMs: PROBE_TIMEOUT_MS }), c.labels[LABEL_NODE] ?? c.name, {
            syncGlobal: true,
          }),
        ),
      );
    const result = await pollUntil(observe, (observations) => judgeHealthy(observations, NODES, expectationsOf({ pgScope: "meshproof", pgGroups: { pool: 2 } })), {
      deadlineMs: 60_000,
      intervalMs: 1_000,
    });
    expect(result.passed, JSON.stringify(result.checks)).toBe(true);
    for (const observation of result.value) {
      expect(observation.mesh).toHaveLength(NODES.length - 1);
      expect(observation.pg?.find((s) => s.scope === "meshproof")?.groups.find((g) => g.group === "pool")?.members).toHaveLength(2 * NODES.length);
    }
  });
});

describe("meshproof down --all", () => {
  it("removes every run and nothing that docker-compose started", async () => {
    const meshproof = meshproofCli(120_000);
    const up = await meshproof("up", "--nodes", "2");
    expect(up.exitCode, up.stderr).toBe(0);
    const down = await meshproof("down", "--all");
    expect(down.exitCode, down.stderr).toBe(0);
    expect(await runResources()).toBe(0);
    expect(await listContainers([`com.docker.compose.project=${project}`]), "down --all removed containers meshproof did not create").toHaveLength(NODES.length);
  });
});
