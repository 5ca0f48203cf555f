import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nemesisFor, type FaultPlan } from "../../src/faults/index.js";
import { startCluster } from "../../src/index.js";
import { pollUntil } from "../../src/poll.js";
import { runProbe } from "../../src/probe/run-probe.js";
import { reportSchema } from "../../src/report/report-schema.js";
import { buildDemo, DEMO_NODE_CMD, removeImages } from "./demo-release.js";
import { meshproofCli } from "./harness.js";

/*
 * epmd killed under a running node, and a node that cannot resolve names: new
 * connections fail while they last, established ones stay. After the epmd
 * fault the node must register with the new epmd by itself (OTP's own client
 * retries every 2 s since OTP 24); a node whose epmd client registers only
 * once (the demo release's demo_epmd_once) must fail "fault undone".
 */

const meshproof = meshproofCli(240_000);
const DEMO = "meshproof-test/demo-epmd:1";

/** Each kind on app@n2 in turn, a kill among them, then epmd again: the restarted VM's own epmd killed. */
const MIXED = `
name: epmd and dns, mixed
cluster:
  nodes: 3
  netTicktime: 2
faults:
  - { kind: epmd, target: { nodes: [app@n2] }, duration: 3s }
  - { kind: dns, target: { nodes: [app@n2] }, duration: 3s }
  - { kind: kill, target: { nodes: [app@n2] } }
order: cycle
count: 4
deadlines:
  heal: 20s
`;

async function reportOf(dir: string) {
  return reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
}

describe("epmd and dns faults on meshproof's image, mixed with a kill on the same node", () => {
  it("passes: each applied with its evidence, the mesh kept, epmd knowing the node again and names resolving after", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-epmd-dns-"));
    await writeFile(join(dir, "scenario.yaml"), MIXED);
    const run = await meshproof("run", "--scenario", join(dir, "scenario.yaml"), "--seed", "5", "--report", dir);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    const report = await reportOf(dir);
    expect(report.iterations.map((it) => [it.fault, it.targets, it.verdict])).toEqual([
      ["epmd", ["app@n2"], "pass"],
      ["dns", ["app@n2"], "pass"],
      ["kill", ["app@n2"], "pass"],
      ["epmd", ["app@n2"], "pass"],
    ]);
    const check = (index: number, name: string) => report.iterations[index]!.checks.find((c) => c.name === name);
    for (const epmd of [0, 3]) {
      expect(check(epmd, "fault applied")?.detail).toContain("no epmd process in app@n2's container");
      expect(check(epmd, "fault undone")).toMatchObject({ verdict: "pass" });
      expect(check(epmd, "fault undone")?.detail).toMatch(/^what the fault took is back, seen \d+\.\d s after the fault was lifted$/);
    }
    expect(check(1, "fault applied")?.detail).toMatch(/127\.0\.0\.11 dropped \(udp and tcp\); getent hosts n1 in app@n2's container failed \(exit 2\)/);
    expect(check(1, "fault undone")).toMatchObject({ verdict: "pass" });
  });

  it("refuses an epmd fault with one-shot probes, which find their node through epmd", async () => {
    const run = await meshproof("run", "--nodes", "3", "--faults", "epmd", "--probe-mode", "oneshot");
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("an epmd fault needs probe sessions (--probe-mode session)");
  });
});

describe("probes while epmd is down", () => {
  it("a running probe session still answers (it is connected already); a new probe cannot reach the node until it registers again", async () => {
    const cluster = await startCluster({ nodes: 2, netTicktime: 2 });
    try {
      const fault: FaultPlan = { index: 1, kind: "epmd", targets: ["app@n2"], durationMs: 0, waitBeforeMs: 0 };
      const nemesis = nemesisFor(fault, "harness");
      const oneShot = async () => runProbe(await cluster.container("app@n2"), [{ op: "mesh" }], { timeoutMs: 5_000 });
      expect((await cluster.ask("app@n2", [{ op: "mesh" }])).status).toBe("ok");
      await nemesis.invoke(cluster, fault);
      expect(await nemesis.inPlace!(cluster, fault)).toEqual([]);

      const session = await cluster.ask("app@n2", [{ op: "mesh" }]);
      expect(session, JSON.stringify(session)).toMatchObject({ status: "ok", answers: [{ op: "mesh", result: { nodes: ["app@n1"] } }] });
      const fresh = await oneShot();
      expect(fresh.status, JSON.stringify(fresh)).not.toBe("ok");

      await nemesis.recover!(cluster, fault);
      const back = await pollUntil(oneShot, (o) => ({ probe: { name: "one-shot probe", verdict: o.status === "ok" ? "pass" : "fail", detail: JSON.stringify(o) } }) as const, {
        deadlineMs: 10_000,
        intervalMs: 500,
      });
      expect(back.passed, back.checks.probe.detail).toBe(true);
      expect(await nemesis.undone!(cluster, fault)).toEqual([]);
    } finally {
      await cluster.down();
    }
  });
});

describe("the epmd fault on a user's release", () => {
  beforeAll(async () => {
    await buildDemo(DEMO, 25);
  });
  afterAll(async () => {
    await removeImages(DEMO);
  });

  const run = (nodeCmd: string, dir: string) =>
    meshproof(
      "run", "--image", DEMO, "--node-cmd", nodeCmd, "--pg-scope", "demo", "--pg-groups", "workers:1", "--nodes", "3",
      "--net-ticktime", "2", "--faults", "epmd", "--fault-duration", "3s", "--count", "1", "--seed", "3", "--heal-deadline", "8s", "--report", dir,
    );

  it("passes with OTP's own epmd client, which registers with the new epmd by itself (no meshproof agent runs there)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-epmd-user-"));
    const result = await run(DEMO_NODE_CMD, dir);
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect((await reportOf(dir)).iterations[0]!.checks.find((c) => c.name === "fault undone")).toMatchObject({ verdict: "pass" });
  });

  it("fails a node whose epmd client registers only once, saying plainly that new connections to it fail", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-epmd-once-"));
    const result = await run(DEMO_NODE_CMD.replace("-boot", "-epmd_module demo_epmd_once -boot"), dir);
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(1);
    expect(result.stdout).toMatch(
      /verdict: fail: epmd 1 \((app@n\d)\): fault undone fail: .*epmd in \1's container does not know \1 after it restarted: new connections to \1 fail \(the node never registered again\)/,
    );
    const [iteration] = (await reportOf(dir)).iterations;
    // the fault itself was applied and the mesh never broke: only the new epmd's ignorance fails it
    expect(iteration!.checks.filter((c) => c.verdict !== "pass").map((c) => c.name)).toEqual(["fault undone"]);
  });
});
