import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create } from "xmlbuilder2";
import { describe, expect, it } from "vitest";
import { LAYERS } from "../../src/checks/layer.js";
import { parseHistory } from "../../src/report/html/parse-history.js";
import { reportSchema, type Report } from "../../src/report/report-schema.js";
import { findRun } from "../../src/cluster/open/find-run.js";
import { clusterOptionsSchema } from "../../src/index.js";
import { expectGlobalLostAndRemedied, failedOnGlobalAlone } from "./global-lost.js";
import { meshproofCli } from "./harness.js";

/* The shipped example scenarios pass on the default image, through the CLI, and their reports hold up. */

const meshproof = meshproofCli(240_000);

async function runInto(...args: string[]): Promise<{ exitCode: number | undefined; stdout: string; stderr: string; report: Report; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), "meshproof-scenario-run-"));
  const run = await meshproof(...args, "--report", dir);
  const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
  return { exitCode: run.exitCode, stdout: run.stdout, stderr: run.stderr, report, dir };
}

describe("example scenarios", () => {
  // kept, so that a failed global verdict can be proven right on the cluster it was made on (global-lost.ts)
  it.each(["crash-loop", "pause-beyond-tick", "real-faults", "netsplit"])("scenarios/%s.yaml passes with exit 0", async (name) => {
    const run = await runInto("run", "--scenario", `scenarios/${name}.yaml`, "--keep");
    const runId = /kept run (\w+)/.exec(run.stderr)?.[1];
    try {
      const failed = run.report.iterations.find((it) => it.verdict === "fail");
      const globalVerdict = failed && failedOnGlobalAlone(failed.checks);
      if (globalVerdict && runId) {
        const cluster = await findRun(runId, clusterOptionsSchema.parse({}).probeTimeout);
        try {
          await cluster.openProbes();
          console.warn(`${name}, iteration ${failed.index} (${failed.fault}): OTP's global lost its way: ${await expectGlobalLostAndRemedied(cluster, globalVerdict)}`);
        } finally {
          await cluster.detach();
        }
        return;
      }
      expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
      expectPassed(run.report, name);
    } finally {
      if (runId) await meshproof("down", "--run", runId);
    }
  });

});

function expectPassed(report: Report, name: string): void {
  expect(report.verdict).toBe("pass");
  expect(report.scenario.name).toBe(name);
  expect(report.iterations).toHaveLength(report.scenario.count);
  expect(report.checks.find((c) => c.name === "final heal")?.verdict).toBe("pass");
  for (const kind of Object.keys(report.stats.byFault)) expect(report.stats.byFault[kind]?.heal?.count).toBeGreaterThan(0);
}

describe("reports of a run", () => {
  it("junit.xml has one testcase per iteration and check (and layer), history.ndjson every fault, and replay repeats the schedule", async () => {
    const first = await runInto("run", "--nodes", "3", "--faults", "kill,crash,stop", "--count", "3", "--seed", "11", "--net-ticktime", "3");
    expect(first.exitCode, first.stderr).toBe(0);

    const junit = create(await readFile(join(first.dir, "junit.xml"), "utf8")).end({ format: "object" }) as {
      testsuites: { testsuite: { testcase: { "@classname": string; "@name": string }[] } };
    };
    const cases = junit.testsuites.testsuite.testcase;
    // per iteration: each check, and each layer
    const expected = first.report.iterations.reduce((n, it) => n + it.checks.length + LAYERS.length, 0) + first.report.checks.length;
    expect(cases).toHaveLength(expected);
    expect(cases.filter((c) => c["@classname"].startsWith("meshproof.001 "))).toHaveLength(first.report.iterations[0]!.checks.length + LAYERS.length);

    const history = parseHistory(await readFile(join(first.dir, "history.ndjson"), "utf8"));
    const invoked = history.flatMap((op) => (op.process === "nemesis" && op.type === "invoke" && op.f === "fault" ? [op.value] : []));
    expect(invoked.map((plan) => plan.kind)).toEqual(first.report.schedule.map((s) => s.kind));

    const replay = await runInto("replay", join(first.dir, "report.json"));
    expect(replay.exitCode, replay.stderr).toBe(0);
    expect(replay.report.seed).toBe(11);
    expect(replay.report.schedule).toEqual(first.report.schedule);
    expect(replay.report.reproduce).toBe(`meshproof replay ${join(first.dir, "report.json")}`);
  });
});
