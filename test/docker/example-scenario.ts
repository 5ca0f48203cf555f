import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { reportSchema, type Report } from "../../src/report/report-schema.js";
import { findRun } from "../../src/cluster/open/find-run.js";
import { clusterOptionsSchema } from "../../src/index.js";
import { expectGlobalLostAndRemedied, failedOnGlobalAlone } from "./global-lost.js";
import { meshproofCli } from "./harness.js";

/* How the docker tests run a command that writes reports, and how a shipped example scenario must end. */

const meshproof = meshproofCli(240_000);

/** Runs a meshproof command with `--report` into a fresh directory, and reads the report.json it wrote. */
export async function runInto(...args: string[]): Promise<{ exitCode: number | undefined; stdout: string; stderr: string; report: Report; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), "meshproof-scenario-run-"));
  const run = await meshproof(...args, "--report", dir);
  const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
  return { exitCode: run.exitCode, stdout: run.stdout, stderr: run.stderr, report, dir };
}

/**
 * scenarios/NAME.yaml, run through the CLI on the default image, passes with exit 0. The cluster is kept, so that a
 * failed global verdict can be proven right on the cluster it was made on (global-lost.ts), and removed afterwards.
 */
export async function expectExampleScenarioPasses(name: string): Promise<void> {
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
}

function expectPassed(report: Report, name: string): void {
  expect(report.verdict).toBe("pass");
  expect(report.scenario.name).toBe(name);
  expect(report.iterations).toHaveLength(report.scenario.count);
  expect(report.checks.find((c) => c.name === "final heal")?.verdict).toBe("pass");
  for (const kind of Object.keys(report.stats.byFault)) expect(report.stats.byFault[kind]?.heal?.count).toBeGreaterThan(0);
}
