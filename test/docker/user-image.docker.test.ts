import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCookie } from "../../src/cluster/cookie.js";
import { reportSchema } from "../../src/report/report-schema.js";
import { findRun } from "../../src/cluster/open/find-run.js";
import { startCluster, waitForHeal } from "../../src/index.js";
import { pollUntil } from "../../src/poll.js";
import { buildDemo, buildDemoWithoutEscript, DEMO_NODE_CMD, removeImages } from "./demo-release.js";
import { meshproofCli, meshproofCodeOn, testComposeProject } from "./harness.js";

/*
 * A user's own release image (test/docker/fixtures/demo-release: its own
 * discovery and pg group, run as a non-root user, no meshproof agent), and the
 * same image without escript, which meshproof must refuse clearly.
 */

const DEMO = "meshproof-test/demo:1";
const NO_ESCRIPT = "meshproof-test/demo-no-escript:1";
const DEMO_29 = "meshproof-test/demo-otp29:1";
const NODE_CMD = DEMO_NODE_CMD;

// well inside the test's own timeout, so that a hung run still shows what it printed
const meshproof = meshproofCli(180_000);

beforeAll(async () => {
  await buildDemo(DEMO, 25);
  await buildDemo(DEMO_29, 29);
  await buildDemoWithoutEscript(NO_ESCRIPT, DEMO);
});
afterAll(async () => {
  await removeImages(NO_ESCRIPT, DEMO, DEMO_29);
});

describe("meshproof run --image REF --node-cmd TEMPLATE", () => {
  it("runs kills and crashes against a user's release, which heals by its own discovery", async () => {
    const dir = join(await import("node:os").then((os) => os.tmpdir()), `meshproof-user-${Date.now()}`);
    const run = await meshproof(
      "run", "--image", DEMO, "--node-cmd", NODE_CMD, "--pg-scope", "demo", "--pg-groups", "workers:1",
      "--nodes", "3", "--faults", "kill,crash", "--count", "3", "--order", "cycle", "--seed", "2", "--report", dir,
    );
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
    expect(report.iterations.map((it) => it.fault)).toEqual(["kill", "crash", "kill"]);
    expect(report.nodes.map((n) => n.otpRelease)).toEqual(["25", "25", "25"]);
  });

  it("fails a release whose nodes drop their connections every 2 s and dial again every 500 ms, naming the lost link", async () => {
    // most sweeps of nodes() see a whole mesh here: only the nodes' own event logs show the drops. Once a
    // restart puts a node's drops out of step with the others', no whole second is left between drops, so
    // a heal counts after 200 ms whole: else the sweeps alone fail it, and the logs go unread
    const flapping = `DEMO_DIAL_EVERY_MS=500 DEMO_DROP_EVERY_MS=2000 ${NODE_CMD}`;
    const run = await meshproof(
      "run", "--image", DEMO, "--node-cmd", flapping, "--pg-scope", "demo", "--pg-groups", "workers:1", "--nodes", "3", "--kills", "4", "--seed", "2",
      "--stable-for", "200ms",
    );
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(1);
    // or a drop just before a kill: that observer logs no nodedown after it, and the check says it had lost the node already
    expect(run.stdout).toMatch(
      /verdict: fail: kill \d \(app@n\d\): .*(no unexpected disconnect fail: app@n\d lost app@n\d at [\d:.]+ \(\w+\), which no fault explains|not healthy within|fault applied fail: .*app@n\d logged no nodedown of app@n\d \(it had lost app@n\d [\d.]+ s before the fault and not seen it again\))/,
    );
  });

  it("records the nodes' events with meshproof's recorder: survivors log a killed node's nodedown; detach takes the recorder out", async () => {
    const cluster = await startCluster({ image: DEMO, nodeCmd: NODE_CMD, pgScope: "demo", pgGroups: { workers: 1 }, nodes: 3 });
    try {
      const since = performance.now();
      const idle = await cluster.probe(cluster.nodeNames, { eventsSinceMs: since });
      expect(idle.map((o) => o.events), "a recorder answers an empty log, no recorder none").toEqual([[], [], []]);

      await cluster.kill("app@n3");
      const survivors = ["app@n1", "app@n2"];
      const logged = await pollUntil(
        () => cluster.probe(survivors, { eventsSinceMs: since }),
        (obs) => ({ nodedown: { name: "nodedown", verdict: obs.every((o) => o.events?.some((e) => e.kind === "nodedown" && e.node === "app@n3")) ? "pass" : "fail", detail: JSON.stringify(obs.map((o) => o.events)) } }) as const,
        { deadlineMs: 15_000 },
      );
      expect(logged.passed, logged.checks.nodedown.detail).toBe(true);

      // a killed node lost its recorder with its VM: the restarted one gets a new one, which a second record leaves running
      const restartedAtWall = Date.now();
      await cluster.restart("app@n3");
      expect((await waitForHeal(cluster, { deadlineMs: 30_000 })).passed).toBe(true);
      const again = await cluster.ask("app@n3", [{ op: "record" }]);
      expect(again.status, again.reason).toBe("ok");
      expect(again.answers[0]).toMatchObject({ op: "record", ok: true, result: { new: false } });
      expect((again.answers[0] as { result: { since_ms: number } }).result.since_ms).toBeGreaterThanOrEqual(restartedAtWall);

      await cluster.detach();
      for (const node of cluster.nodeNames) expect(await meshproofCodeOn(await cluster.container(node), node), node).toEqual({ loaded: false, recorder: "none" });
      // the run found again by its labels (as `check --run` finds it) runs no agent either: it records anew, from an empty log, and takes its recorder out again
      const found = await findRun(cluster.runId, 10_000);
      await found.openProbes();
      expect((await found.probe(cluster.nodeNames, { eventsSinceMs: since })).map((o) => [o.status, o.events])).toEqual([
        ["ok", []],
        ["ok", []],
        ["ok", []],
      ]);
      await found.detach();
      for (const node of cluster.nodeNames) expect(await meshproofCodeOn(await cluster.container(node), node), node).toEqual({ loaded: false, recorder: "none" });
    } finally {
      await cluster.down();
    }
  });

  it("copies in the probe built for the image's own release (OTP 29 cannot load OTP 25's)", async () => {
    const dir = join(await import("node:os").then((os) => os.tmpdir()), `meshproof-user29-${Date.now()}`);
    const run = await meshproof("run", "--image", DEMO_29, "--node-cmd", NODE_CMD, "--pg-scope", "demo", "--pg-groups", "workers:1", "--nodes", "2", "--kills", "1", "--report", dir);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
    expect(report.nodes.map((n) => n.otpRelease)).toEqual(["29", "29"]);
  });

  it("refuses an image without escript before anything starts, saying what is missing", async () => {
    const run = await meshproof("run", "--image", NO_ESCRIPT, "--node-cmd", NODE_CMD, "--nodes", "3");
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`--image ${NO_ESCRIPT}: no escript on the image's PATH`);
  });

  // restart-looping nodes refuse probe execs midway: the CLI must still exit (it once hung on such a refused exec's socket)
  it("reports a cluster whose nodes never come up as a failed run (exit 1) with a report naming the nodes' telling log lines", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-not-formed-"));
    const broken = "echo demo is starting {node}; exec erl -sname {name} -noshell -boot /opt/demo/no-such-boot";
    const run = await meshproof(
      "run", "--image", DEMO, "--node-cmd", broken, "--pg-scope", "demo", "--pg-groups", "workers:1", "--nodes", "3", "--ready-deadline", "10s", "--report", dir,
    );
    expect(run.timedOut, `${run.stdout}\n${run.stderr}`).toBe(false);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(1);
    expect(run.stdout).toMatch(/verdict: fail: cluster formed fail: not within its ready deadline: mesh: /);
    const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
    expect(report).toMatchObject({ verdict: "fail", iterations: [], formation: { mesh: "fail" } });
    expect(report.checks.map((c) => [c.name, c.verdict])).toEqual([["cluster formed", "fail"]]);
    expect(report.formation!.logLines.join("\n")).toMatch(/app@n1: .*no-such-boot/);
    expect(report.checks[0]!.detail).toMatch(/no-such-boot/);

    // `up` says the same, with the same report
    const up = await meshproof("up", "--image", DEMO, "--node-cmd", broken, "--pg-scope", "demo", "--pg-groups", "workers:1", "--nodes", "2", "--ready-deadline", "5s");
    expect(up.exitCode, `${up.stdout}\n${up.stderr}`).toBe(1);
    expect(up.stdout).toMatch(/verdict: fail: cluster formed fail/);
    const upReport = /report: (\S+)\/report\.json/.exec(up.stderr)?.[1];
    expect(upReport, up.stderr).toBeDefined();
    expect(reportSchema.parse(JSON.parse(await readFile(join(upReport!, "report.json"), "utf8"))).formation?.mesh).toBe("fail");
    await rm(upReport!, { recursive: true });
  });
});

describe("meshproof check --attach on a compose cluster of a user's release", () => {
  it("needs only the cookie: node names come from epmd and the hostnames, and every layer found is judged (Mnesia included)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-attach-release-"));
    const project = testComposeProject("release");
    const cookie = newCookie();
    await writeFile(join(dir, "cookie"), cookie);
    await chmod(join(dir, "cookie"), 0o644); // read by the release's own user in the containers
    // nothing in the containers names the node or the cookie to meshproof: no MESHPROOF_NODE, RELEASE_NODE, RELEASE_COOKIE
    const service = (host: string) => ({
      image: DEMO,
      hostname: host,
      environment: { DEMO_PEERS: "app@n1 app@n2 app@n3", DEMO_MNESIA: "1" },
      volumes: [`${join(dir, "cookie")}:/run/demo-cookie:ro`],
      entrypoint: ["sh", "-c", 'exec erl -sname app -setcookie "$$(cat /run/demo-cookie)" -noshell -kernel net_ticktime 5 -boot /opt/demo/demo'],
    });
    await writeFile(join(dir, "cluster.yml"), JSON.stringify({ services: { n1: service("n1"), n2: service("n2"), n3: service("n3") } }));
    const compose = (...args: string[]) => execa("docker-compose", ["-p", project, "-f", join(dir, "cluster.yml"), ...args]);
    await compose("up", "-d");
    try {
      const check = () => meshproof("check", "--attach", `compose:${project}`, "--cookie-file", join(dir, "cookie"));
      const result = await pollUntil(check, (c) => ({ exit: { name: "exit", verdict: c.exitCode === 0 ? "pass" : "fail", detail: `${c.stdout}\n${c.stderr}` } }) as const, {
        deadlineMs: 60_000,
        intervalMs: 2_000,
      });
      expect(result.passed, result.checks.exit.detail).toBe(true);
      const table = result.value.stdout.replace(/[\s│]+/g, " ");
      expect(table).toMatch(/mesh pass 3 nodes see exactly their planned peers/);
      expect(table).toMatch(/pg pass pg views agree on 3 nodes \(scope demo\)/);
      expect(table).toMatch(/global pass/);
      expect(table).toMatch(/mnesia pass 3 nodes run Mnesia/);
      expect(table).toMatch(/invariants not present/);
    } finally {
      await compose("down", "-v");
    }
  });
});
