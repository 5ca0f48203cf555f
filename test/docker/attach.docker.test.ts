import { chmod, copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCookie } from "../../src/cluster/cookie.js";
import { reportSchema } from "../../src/report/report-schema.js";
import { listContainers } from "../../src/docker/containers.js";
import { ensureNodeImage } from "../../src/image/node-image.js";
import { silentProgress } from "../../src/progress.js";
import { meshproofCli, testComposeProject } from "./harness.js";

/*
 * Attach mode against a cluster that docker-compose started from the repo's
 * compose/cluster.yml: same checks and faults, and nothing of it removed.
 */

const project = testComposeProject("attach");
let dir: string;

const meshproof = meshproofCli(300_000);
function compose(...args: string[]) {
  return execa("docker-compose", ["-p", project, "-f", join(dir, "cluster.yml"), ...args]);
}
const projectContainers = () => listContainers([`com.docker.compose.project=${project}`]);

beforeAll(async () => {
  await ensureNodeImage({ otp: 25, progress: silentProgress }); // tags meshproof/node:otp25, which the file names
  dir = await mkdtemp(join(tmpdir(), "meshproof-attach-"));
  await copyFile("compose/cluster.yml", join(dir, "cluster.yml"));
  await writeFile(join(dir, "cookie"), newCookie());
  await chmod(join(dir, "cookie"), 0o600);
  await compose("up", "-d");
});
afterAll(async () => {
  if (dir) await compose("down", "-v");
});

describe("meshproof --attach compose:PROJECT", () => {
  it("checks a compose-started cluster: node names, cookie and pg groups read from its containers", async () => {
    const check = await meshproof("check", "--attach", `compose:${project}`);
    expect(check.exitCode, `${check.stdout}\n${check.stderr}`).toBe(0);
    expect(check.stdout).toContain("5 nodes see exactly their planned peers");
  });

  it("runs seeded faults against it, passes, and leaves every container in place", async () => {
    const report = join(dir, "report");
    const run = await meshproof("run", "--attach", `compose:${project}`, "--faults", "kill,pause,partition", "--count", "3", "--seed", "8", "--report", report);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    const parsed = reportSchema.parse(JSON.parse(await readFile(join(report, "report.json"), "utf8")));
    expect(parsed.nodes.map((n) => n.name)).toEqual(["app@n1", "app@n2", "app@n3", "app@n4", "app@n5"]);
    expect((await projectContainers()).length).toBe(5);
    await meshproof("down", "--all");
    expect((await projectContainers()).length, "down --all removed containers meshproof did not create").toBe(5);
  });

  it("takes the cookie from a file and node names from a pattern when told; a wrong cookie fails the check", async () => {
    const selector = `label:com.docker.compose.project=${project}`;
    const good = await meshproof("check", "--attach", selector, "--node-name", "app@{service}", "--cookie-file", join(dir, "cookie"));
    expect(good.exitCode, good.stdout).toBe(0);
    await writeFile(join(dir, "wrong-cookie"), "not-the-cookie");
    const wrong = await meshproof("check", "--attach", selector, "--node-name", "app@{service}", "--cookie-file", join(dir, "wrong-cookie"));
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stdout).toContain("another cookie");
  });

  it("says clearly what it cannot attach to, and starts nothing", async () => {
    const none = await meshproof("check", "--attach", "compose:no-such-project");
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain("no container carries label com.docker.compose.project=no-such-project");
    const both = await meshproof("check", "--attach", `compose:${project}`, "--run", "abc");
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain("exactly one of --run ID or --attach");
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
