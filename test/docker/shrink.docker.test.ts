import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { reportSchema } from "../../src/report/report-schema.js";
import { shrinkReportSchema } from "../../src/shrink/shrink-report-schema.js";
import { buildDemo, DEMO_NODE_CMD, removeImages } from "./demo-release.js";
import { meshproofCli } from "./harness.js";

/*
 * The control of `meshproof shrink`: a user's release in which app@n2 breaks
 * from its third start on (its node command counts its starts in the
 * container and then starts the node hidden, so nobody's nodes() lists it
 * again). A seeded run of 8 kills over 3 nodes fails at the second kill of
 * app@n2; shrink must cut it down to kills of app@n2 alone, and the bundle's
 * scenario must fail the same way by itself.
 */

const DEMO = "meshproof-test/demo-shrink:1";
const BREAKS_AFTER_SECOND_RESTART =
  'n=$(( $(cat /tmp/starts 2>/dev/null || echo 0) + 1 )); echo $n > /tmp/starts; ' +
  'if [ {name}@{host} = app@n2 ] && [ $n -ge 3 ]; then HIDDEN=-hidden; else HIDDEN=; fi; ' +
  DEMO_NODE_CMD.replace("exec erl ", "exec erl $HIDDEN ");
// seed 24 kills n1..n3 in the order 3 1 2 3 1 2 3 2: app@n2 at #3, #6 and #8, so the run fails at #6
const SEED = "24";
const FAST = ["--net-ticktime", "2", "--heal-deadline", "6s", "--stable-for", "500ms", "--recovery-window", "10s"];

const meshproof = meshproofCli(280_000);

beforeAll(async () => {
  await buildDemo(DEMO, 25);
});
afterAll(async () => {
  await removeImages(DEMO);
});

describe("meshproof shrink", () => {
  it("shrinks a failing 8-kill run to the kills of the one node that breaks, and its bundle replays the failure", { timeout: 600_000 }, async () => {
    const dir = join(tmpdir(), `meshproof-shrink-${Date.now()}`);
    const run = await meshproof(
      "run", "--image", DEMO, "--node-cmd", BREAKS_AFTER_SECOND_RESTART, "--pg-scope", "demo", "--pg-groups", "workers:1",
      "--nodes", "3", "--kills", "8", "--seed", SEED, ...FAST, "--report", join(dir, "run"),
    );
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(1);
    const failed = reportSchema.parse(JSON.parse(await readFile(join(dir, "run", "report.json"), "utf8")));
    expect(failed.schedule.map((plan) => plan.targets[0])).toEqual(["app@n3", "app@n1", "app@n2", "app@n3", "app@n1", "app@n2", "app@n3", "app@n2"]);
    expect(failed.iterations.at(-1)).toMatchObject({ index: 6, verdict: "fail" });

    const shrink = await meshproofCli(400_000)("shrink", join(dir, "run", "report.json"), "--tries", "1", "--budget", "6m", "--report", join(dir, "shrink"));
    expect(shrink.exitCode, `${shrink.stdout}\n${shrink.stderr}`).toBe(0);
    const result = shrinkReportSchema.parse(JSON.parse(await readFile(join(dir, "shrink", "shrink.json"), "utf8")));
    // the third start comes with the second kill of app@n2: two of its three kills, nothing else
    expect(result.minimal.schedule.every((plan) => plan.kind === "kill" && plan.targets.join() === "app@n2"), JSON.stringify(result.minimal)).toBe(true);
    expect(result.minimal.faults).toBe(2);
    // the failing fault hit app@n2 only: app@n3 is not needed
    expect(result.minimal.nodes).toBe(2);
    expect(result).toMatchObject({ stoppedBy: "minimal", original: { faults: 8, nodes: 3 }, failureRate: { failed: 1, tries: 1, rate: 1 } });
    expect(result.violated.detail).toMatch(/app@n2/);
    expect(shrink.stderr).toMatch(/before: 8 faults on 3 nodes/);
    expect(shrink.stderr).toMatch(/after: +2 faults on 2 nodes: kill app@n2, kill app@n2/);

    const scenario = parseYaml(await readFile(join(dir, "shrink", "repro", "scenario.yaml"), "utf8")) as Record<string, any>;
    expect(scenario).toMatchObject({ order: "cycle", count: 2, cluster: { nodes: 2, image: DEMO, nodeCmd: BREAKS_AFTER_SECOND_RESTART, netTicktime: 2 } });
    expect(scenario.faults).toEqual([expect.objectContaining({ kind: "kill", target: { nodes: ["app@n2"] } }), expect.objectContaining({ kind: "kill", target: { nodes: ["app@n2"] } })]);
    expect(await readFile(join(dir, "shrink", "repro", "compose.yml"), "utf8")).toContain(DEMO);
    expect(await readFile(join(dir, "shrink", "repro", "README.md"), "utf8")).toContain(`meshproof run --scenario ${join(dir, "shrink", "repro", "scenario.yaml")}`);

    const replay = await meshproof("run", "--scenario", join(dir, "shrink", "repro", "scenario.yaml"), "--report", join(dir, "replay"));
    expect(replay.exitCode, `${replay.stdout}\n${replay.stderr}`).toBe(1);
    const replayed = reportSchema.parse(JSON.parse(await readFile(join(dir, "replay", "report.json"), "utf8")));
    expect(replayed.iterations.map((it) => [it.targets.join(), it.verdict])).toEqual([["app@n2", "pass"], ["app@n2", "fail"]]);
  });

  it("says a failure that does not reproduce is flaky or the environment's, and exits 1", { timeout: 300_000 }, async () => {
    // the same run on a release that never breaks: its report is altered to say it failed
    const dir = join(tmpdir(), `meshproof-shrink-flaky-${Date.now()}`);
    const run = await meshproof("run", "--image", DEMO, "--node-cmd", DEMO_NODE_CMD, "--pg-scope", "demo", "--pg-groups", "workers:1", "--nodes", "3", "--kills", "2", "--seed", SEED, ...FAST, "--report", dir);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    const report = JSON.parse(await readFile(join(dir, "report.json"), "utf8"));
    report.verdict = "fail";
    report.iterations[1].verdict = "fail";
    report.iterations[1].checks[0] = { ...report.iterations[1].checks[0], verdict: "fail", detail: "made up" };
    const { writeFile } = await import("node:fs/promises");
    await writeFile(join(dir, "report.json"), JSON.stringify(report));
    const shrink = await meshproof("shrink", join(dir, "report.json"), "--tries", "2", "--report", join(dir, "shrink"));
    expect(shrink.exitCode, `${shrink.stdout}\n${shrink.stderr}`).toBe(1);
    expect(shrink.stderr).toMatch(/did not show in 2 tries of the original schedule: it is flaky .* or came from the run's environment/);
    const result = shrinkReportSchema.parse(JSON.parse(await readFile(join(dir, "shrink", "shrink.json"), "utf8")));
    expect(result).toMatchObject({ stoppedBy: "not reproduced", failureRate: { failed: 0, tries: 2 } });
    expect(result.repro).toBeUndefined();
  });
});
