import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { ensureBaseImage } from "../../src/image/base-image.js";
import { silentProgress } from "../../src/progress.js";
import { reportSchema, type Report } from "../../src/report/report-schema.js";
import { violatedCheck } from "../../src/report/violated-check.js";
import { shrinkReportSchema } from "../../src/shrink/shrink-report-schema.js";
import { meshproofCli } from "./harness.js";

/*
 * The control of `meshproof shrink`: a user's image whose nodes are plain
 * `erl` processes (Debian's Erlang, no meshproof agent, no release) that dial
 * their peers every 500 ms. app@n2 comes up hidden from its third start on
 * (its node command counts its starts in the container), so nobody's nodes()
 * lists it again. A seeded run of 4 kills over 3 nodes fails at the second
 * kill of app@n2; shrink runs its candidates back to back in one process and
 * must judge each by its own cluster's events, as `run` does, even when the
 * wall clock steps between them (as when a VM is paused and its clock set
 * again: it made every later candidate read a kill detected after 6 s and
 * its own container starts as engine restarts). It must cut the run down to
 * the two kills of app@n2 on 2 nodes, and the bundle's scenario must fail the
 * same way by itself.
 */

const PEERS_DIAL = "spawn(fun() -> Peers = [list_to_atom(P) || P <- string:lexemes(\"{peers}\", \" \")], " +
  "Dial = fun Dial() -> [net_kernel:connect_node(P) || P <- Peers -- [node() | nodes()]], timer:sleep(500), Dial() end, Dial() end)";
const PLAIN_ERL = `exec erl $hidden -sname {name} -noshell -kernel net_ticktime {net_ticktime} -eval '${PEERS_DIAL}'`;
const HIDDEN_FROM_THIRD_START =
  'n=$(( $(cat /tmp/starts 2>/dev/null || echo 0) + 1 )); echo $n > /tmp/starts; ' +
  `if [ {node} = app@n2 ] && [ $n -ge 3 ]; then hidden=-hidden; else hidden=; fi; ${PLAIN_ERL}`;
const NEVER_HIDDEN = `hidden=; ${PLAIN_ERL}`;
// seed 7 kills app@n3, app@n2, app@n2, app@n3: the run fails at #3
const SEED = "7";
const FAST = ["--pg-groups", "none", "--net-ticktime", "2", "--heal-deadline", "6s", "--stable-for", "500ms", "--recovery-window", "10s"];
const STEP_MS = 6_000;

const meshproof = meshproofCli(120_000);
let image: string;

beforeAll(async () => {
  image = await ensureBaseImage({ otp: 25, progress: silentProgress });
});

async function readReport(dir: string): Promise<Report> {
  return reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
}

describe("meshproof shrink", () => {
  it("shrinks a failing 4-kill run to the kills of the one node that breaks, judging each candidate as run does, and its bundle replays the failure", { timeout: 420_000 }, async () => {
    const dir = join(tmpdir(), `meshproof-shrink-${Date.now()}`);
    const run = await meshproof("run", "--image", image, "--node-cmd", HIDDEN_FROM_THIRD_START, "--nodes", "3", "--kills", "4", "--seed", SEED, ...FAST, "--report", join(dir, "run"));
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(1);
    const failed = await readReport(join(dir, "run"));
    expect(failed.schedule.map((plan) => plan.targets[0])).toEqual(["app@n3", "app@n2", "app@n2", "app@n3"]);
    expect(failed.iterations.at(-1)).toMatchObject({ index: 3, verdict: "fail" });
    expect(violatedCheck(failed)).toEqual({ name: "mesh healed", detail: expect.stringMatching(/not healed by itself within 6 s: app@n1 does not see app@n2/) });

    // the wall clock steps 6 s ahead once the original's try has written its report, before the next candidate starts
    const shrink = await execa("node", ["--import", "./test/docker/fixtures/clock-step.mjs", "dist/cli/main.js", "shrink", join(dir, "run", "report.json"), "--tries", "1", "--budget", "5m", "--report", join(dir, "shrink")], {
      reject: false,
      timeout: 360_000,
      env: { MESHPROOF_TEST_STEP_WHEN: join(dir, "shrink", "candidates", "1-1", "report.json"), MESHPROOF_TEST_STEP_MS: String(STEP_MS) },
    });
    const output = `${shrink.stdout}\n${shrink.stderr}`;
    expect(shrink.stderr, "the clock stepped between candidates").toContain(`clock-step: the wall clock is now ${STEP_MS} ms further ahead`);
    expect(shrink.exitCode, output).toBe(0);
    const result = shrinkReportSchema.parse(JSON.parse(await readFile(join(dir, "shrink", "shrink.json"), "utf8")));
    expect(result.violated.name).toBe("mesh healed");

    // every candidate was judged by its own cluster: none met what another's events would make (a kill seen after the step,
    // its own starts as engine restarts). The flapping node may make global cut another pair now and then (OTP's
    // prevent_overlapping_partitions): a try that failed on that disconnect is reported as failing another check.
    const tries = result.candidates.flatMap((c) => c.tries);
    expect(tries.length, output).toBeGreaterThan(3);
    const OWN_OTHER_FAILURES = ["no unexpected disconnect"];
    expect(result.otherFailures.checks.filter((check) => !OWN_OTHER_FAILURES.includes(check)), JSON.stringify(tries.map((t) => t.violated))).toEqual([]);
    expect(result.otherFailures.tries, JSON.stringify(tries.map((t) => t.violated))).toBeLessThan(tries.length / 2);
    for (const t of tries) {
      const report = await readReport(t.reportDir!);
      const violated = violatedCheck(report)?.name;
      if (t.verdict === "pass") expect([t.matchesOriginal, violated]).toEqual([false, undefined]);
      else expect([t.matchesOriginal, violated]).toEqual(violated === "mesh healed" ? [true, "mesh healed"] : [false, expect.toBeOneOf(OWN_OTHER_FAILURES)]);
      // a kill closes the connections: the survivors see it at once, on the candidate's own timeline
      for (const it of report.iterations) expect(it.detectMs, `${t.reportDir}: kill ${it.index}`).toBeLessThan(2_000);
    }
    expect(result.candidates.filter((c) => c.failed).length).toBeGreaterThan(1);

    // the third start comes with the second kill of app@n2: those two kills, on 2 nodes (the failing fault hit app@n2 only)
    expect(result.minimal.schedule.map((plan) => [plan.kind, plan.targets.join()])).toEqual([["kill", "app@n2"], ["kill", "app@n2"]]);
    expect(result).toMatchObject({ stoppedBy: "minimal", original: { faults: 4, nodes: 3 }, minimal: { faults: 2, nodes: 2, fromOriginal: [2, 3] }, failureRate: { failed: 1, tries: 1, rate: 1 } });
    expect(shrink.stderr).toMatch(/before: 4 faults on 3 nodes/);
    expect(shrink.stderr).toMatch(/after: +2 faults on 2 nodes: kill app@n2, kill app@n2/);
    if (result.otherFailures.tries === 0) expect(shrink.stderr).not.toMatch(/failed another check/);
    else expect(shrink.stderr).toMatch(/failed another check/);

    const scenario = parseYaml(await readFile(join(dir, "shrink", "repro", "scenario.yaml"), "utf8")) as Record<string, any>;
    expect(scenario).toMatchObject({ order: "cycle", count: 2, cluster: { nodes: 2, image, nodeCmd: HIDDEN_FROM_THIRD_START, netTicktime: 2 } });
    expect(scenario.faults).toEqual([expect.objectContaining({ kind: "kill", target: { nodes: ["app@n2"] } }), expect.objectContaining({ kind: "kill", target: { nodes: ["app@n2"] } })]);
    expect(await readFile(join(dir, "shrink", "repro", "README.md"), "utf8")).toContain(`meshproof run --scenario ${join(dir, "shrink", "repro", "scenario.yaml")}`);

    const replay = await meshproof("run", "--scenario", join(dir, "shrink", "repro", "scenario.yaml"), "--report", join(dir, "replay"));
    expect(replay.exitCode, `${replay.stdout}\n${replay.stderr}`).toBe(1);
    const replayed = await readReport(join(dir, "replay"));
    expect(replayed.iterations.map((it) => [it.targets.join(), it.verdict])).toEqual([["app@n2", "pass"], ["app@n2", "fail"]]);
    expect(violatedCheck(replayed)).toEqual({ name: "mesh healed", detail: expect.stringMatching(/app@n1 does not see app@n2/) });
  });

  it("says a failure that does not reproduce is flaky or the environment's, and exits 1", { timeout: 240_000 }, async () => {
    // the same run on nodes that never hide: its report is altered to say it failed
    const dir = join(tmpdir(), `meshproof-shrink-flaky-${Date.now()}`);
    const run = await meshproof("run", "--image", image, "--node-cmd", NEVER_HIDDEN, "--nodes", "3", "--kills", "2", "--seed", SEED, ...FAST, "--report", dir);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    const report = JSON.parse(await readFile(join(dir, "report.json"), "utf8"));
    report.verdict = "fail";
    report.iterations[1].verdict = "fail";
    report.iterations[1].checks[0] = { ...report.iterations[1].checks[0], verdict: "fail", detail: "made up" };
    await writeFile(join(dir, "report.json"), JSON.stringify(report));
    const shrink = await meshproof("shrink", join(dir, "report.json"), "--tries", "2", "--report", join(dir, "shrink"));
    expect(shrink.exitCode, `${shrink.stdout}\n${shrink.stderr}`).toBe(1);
    expect(shrink.stderr).toMatch(/did not show in 2 tries of the original schedule: it is flaky .* or came from the run's environment/);
    const result = shrinkReportSchema.parse(JSON.parse(await readFile(join(dir, "shrink", "shrink.json"), "utf8")));
    expect(result).toMatchObject({ stoppedBy: "not reproduced", failureRate: { failed: 0, tries: 2 }, otherFailures: { candidates: 0 } });
    expect(result.candidates[0]!.tries.map((t) => [t.verdict, t.matchesOriginal])).toEqual([["pass", false], ["pass", false]]);
    expect(result.repro).toBeUndefined();
  });
});
