import { chmod, copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCluster } from "../../src/cluster/open/open-cluster.js";
import { attachPaths } from "../../src/cluster/backends/attach/attached-node.js";
import { attachSelectorSchema } from "../../src/config/attach-selector.js";
import { newCookie } from "../../src/cluster/cookie.js";
import { clusterOptionsSchema } from "../../src/config/cluster-options.js";
import { reportSchema } from "../../src/report/report-schema.js";
import { docker } from "../../src/docker/client.js";
import { containerByName, listContainers } from "../../src/docker/containers.js";
import { execInContainer } from "../../src/docker/exec.js";
import { ensureNodeImage } from "../../src/image/node-image.js";
import { pollUntil } from "../../src/poll.js";
import { silentProgress } from "../../src/progress.js";
import { meshproofCli, meshproofCodeOn, testComposeProject } from "./harness.js";

/*
 * Attach mode against a cluster that docker-compose started from the repo's
 * compose/cluster.yml: same checks and faults, nothing of it removed, and
 * nothing of meshproof's left in it.
 */

const project = testComposeProject("attach");
let dir: string;

const meshproof = meshproofCli(240_000);
function compose(...args: string[]) {
  return execa("docker-compose", ["-p", project, "-f", join(dir, "cluster.yml"), ...args]);
}
const projectContainers = () => listContainers([`com.docker.compose.project=${project}`]);

/** Each container's changes to its image's files (docker diff), by container: whatever meshproof left in one shows here. */
async function fileChanges(): Promise<Record<string, string[]>> {
  const containers = await projectContainers();
  const changes = await Promise.all(containers.map(async (c) => ((await docker().getContainer(c.id).changes()) ?? []).map((change: { Path: string }) => change.Path).sort()));
  return Object.fromEntries(containers.map((c, i) => [c.name, changes[i]!]));
}
/** The containers' own changes, from their start: the cookie their entrypoint installs, the event log their agent keeps. */
let ownChanges: Record<string, string[]>;

/**
 * No file of meshproof's in any container (their changes are their own), no code of the probe's in any node, and the
 * event recorder that each node's agent runs (the compose file runs meshproof's image) still runs: not the probe's to take.
 */
async function expectNothingLeft(): Promise<void> {
  expect(await fileChanges(), "meshproof left files in the containers").toEqual(ownChanges);
  for (const c of await projectContainers()) {
    const node = c.labels["meshproof.node"]!;
    expect(await meshproofCodeOn(containerByName(c.id), node), `meshproof's code on ${node}`).toEqual({ loaded: false, recorder: "node" });
  }
}

/** Restarts every node of the project (the same containers, new VMs) and waits until meshproof's check passes on them. */
beforeAll(async () => {
  await ensureNodeImage({ otp: 27, progress: silentProgress }); // tags meshproof/node:otp27, which the file names
  dir = await mkdtemp(join(tmpdir(), "meshproof-attach-"));
  await copyFile("compose/cluster.yml", join(dir, "cluster.yml"));
  await writeFile(join(dir, "cookie"), newCookie());
  await chmod(join(dir, "cookie"), 0o600);
  await compose("up", "-d");
  const started = await pollUntil(
    fileChanges,
    (changes) => ({ ownFiles: { name: "own files", verdict: Object.values(changes).every((paths) => paths.includes("/root/.erlang.cookie") && paths.includes("/tmp/meshproof-events")) ? "pass" : "fail", detail: "" } }) as const,
    { deadlineMs: 30_000 },
  );
  ownChanges = started.value;
});
afterAll(async () => {
  if (dir) await compose("down", "-v");
});

describe("meshproof --attach compose:PROJECT", () => {
  it("checks a compose-started cluster: node names, cookie and pg groups read from its containers", async () => {
    const check = await meshproof("check", "--attach", `compose:${project}`);
    expect(check.exitCode, `${check.stdout}\n${check.stderr}`).toBe(0);
    expect(check.stdout).toContain("5 nodes see exactly their planned peers");
    await expectNothingLeft();
  });

  it("puts the probe, the cookie copy and the probe's HOME into one directory of its own, records events, and takes it all back", async () => {
    const attach = { attach: attachSelectorSchema.parse(`compose:${project}`), cookieFile: join(dir, "cookie") };
    const cluster = await openCluster({ attach, cluster: clusterOptionsSchema.parse({}) });
    const paths = attachPaths(cluster.runId);
    try {
      await cluster.openProbes();
      const observed = await cluster.probe(cluster.nodeNames, { eventsSinceMs: performance.now() });
      expect(observed.map((o) => [o.status, o.events])).toEqual(cluster.nodeNames.map(() => ["ok", []]));
      for (const c of await projectContainers()) {
        const [node, container] = [c.labels["meshproof.node"]!, containerByName(c.id)];
        const listed = await execInContainer(container, ["ls", "-A", paths.dir], { timeoutMs: 10_000 });
        expect(listed.kind === "exited" ? listed.stdout.split("\n") : listed).toEqual(expect.arrayContaining(["probe", "cookie"]));
        // the probe's `record` found the agent's recorder running and left it, with its events
        expect(await meshproofCodeOn(container, node)).toEqual({ loaded: true, recorder: "node" });
      }
    } finally {
      await cluster.detach();
    }
    await expectNothingLeft();
  });

  it("runs seeded faults against it, passes, and leaves every container in place", async () => {
    const report = join(dir, "report");
    const run = await meshproof("run", "--attach", `compose:${project}`, "--faults", "kill,pause,partition", "--count", "3", "--seed", "8", "--report", report);
    const parsed = reportSchema.parse(JSON.parse(await readFile(join(report, "report.json"), "utf8")));
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(parsed.nodes.map((n) => n.name)).toEqual(["app@n1", "app@n2", "app@n3", "app@n4", "app@n5"]);
    expect((await projectContainers()).length).toBe(5);
    await expectNothingLeft();
  });

  it("takes the cookie from a file and node names from a pattern when told; a wrong cookie fails the check", async () => {
    const selector = `label:com.docker.compose.project=${project}`;
    const good = await meshproof("check", "--attach", selector, "--node-name", "app@{service}", "--cookie-file", join(dir, "cookie"));
    expect(good.exitCode, good.stdout).toBe(0);
    await writeFile(join(dir, "wrong-cookie"), "not-the-cookie");
    const wrong = await meshproof("check", "--attach", selector, "--node-name", "app@{service}", "--cookie-file", join(dir, "wrong-cookie"));
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stdout).toContain("another cookie");
    await expectNothingLeft();
  });

  it("refuses a cookie file that holds no valid cookie (exit 2), naming the file and never showing what it holds", async () => {
    const bad = join(dir, "bad-cookie");
    await writeFile(bad, "s3cr3t-first-line\ns3cr3t-second-line\n");
    for (const command of [["check"], ["run", "--kills", "1"]]) {
      const refused = await meshproof(...command, "--attach", `compose:${project}`, "--cookie-file", bad);
      expect(refused.exitCode, `${refused.stdout}\n${refused.stderr}`).toBe(2);
      expect(refused.stderr).toContain(`--cookie-file ${bad}: not a valid Erlang cookie`);
      expect(`${refused.stdout}\n${refused.stderr}`).not.toContain("s3cr3t");
    }
    await expectNothingLeft();
  });

  it("says clearly what it cannot attach to, and starts nothing", async () => {
    const none = await meshproof("check", "--attach", "compose:no-such-project");
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain("no container carries label com.docker.compose.project=no-such-project");
    const both = await meshproof("check", "--attach", `compose:${project}`, "--run", "abc");
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain("exactly one of --run ID or --attach");
  });

  it("takes everything back out when the run is interrupted (Ctrl-C): exit 130", async () => {
    const run = meshproof("run", "--attach", `compose:${project}`, "--kills", "20");
    let output = "";
    let signalled = false;
    const untilFirstFault = (chunk: Buffer) => {
      output += chunk.toString();
      if (signalled || !/^1\/20 kill/m.test(output)) return;
      signalled = true; // once: a second Ctrl-C exits at once, without cleanup
      run.kill("SIGINT");
    };
    run.stdout.on("data", untilFirstFault);
    run.stderr.on("data", untilFirstFault);
    const ended = await run;
    expect(ended.exitCode, output).toBe(130);
    expect(output).toContain("Taking the probe, cookie and event recorders back out of the containers");
    await expectNothingLeft();
  });

  // last: it changes the cluster
  it("fails (exit 1) against the same cluster once one node's agent does not reconnect", async () => {
    await writeFile(join(dir, "no-reconnect.yml"), 'services:\n  n5:\n    environment:\n      MESHPROOF_RECONNECT_MS: "off"\n');
    await execa("docker-compose", ["-p", project, "-f", join(dir, "cluster.yml"), "-f", join(dir, "no-reconnect.yml"), "up", "-d"]);
    const scenario = join(dir, "kill-n5.yaml");
    await writeFile(scenario, "faults:\n  - { kind: kill, target: { nodes: [app@n5] } }\ncount: 1\ndeadlines: { heal: 8s }\n");
    const run = await meshproof("run", "--attach", `compose:${project}`, "--scenario", scenario);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/mesh healed fail: not healed by itself within 8 s: .*app@n1 does not see app@n5/);
  });
});
