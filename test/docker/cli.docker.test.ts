import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reportSchema } from "../../src/report/report-schema.js";
import { containerByName } from "../../src/docker/containers.js";
import { evalOnNode, meshproofCli, runResources } from "./harness.js";

/*
 * The CLI as a user runs it (dist/ is built by the global setup), exit codes included. Other test files run beside
 * this one, so what a command left behind is counted by its own run's label; cli-refusals counts the whole engine.
 */

const meshproof = meshproofCli(240_000);

/** The run id a command printed when it started its nodes ("Starting 3 nodes (run 70c98d5a)"). */
function startedRun(output: string): string {
  const runId = /Starting \d+ nodes \(run ([0-9a-f]{8})\)/.exec(output)?.[1];
  expect(runId, `no run started:\n${output}`).toBeDefined();
  return runId!;
}

describe("meshproof run", () => {
  it("kills and heals with verdict pass and exit 0, and writes a report that fits the schema", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-report-"));
    const run = await meshproof("run", "--nodes", "3", "--kills", "2", "--seed", "42", "--downtime", "500ms", "--report", dir);
    expect(run.stderr).toContain("seed 42");
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain("verdict: pass");
    const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
    expect(report.verdict).toBe("pass");
    expect(report.seed).toBe(42);
    expect(report.iterations).toHaveLength(2);
    expect(report.iterations.map((i) => i.targets)).toEqual(report.schedule.map((s) => s.targets));
    expect(report.schedule.map((s) => s.kind)).toEqual(["kill", "kill"]);
    expect(report.nodes.map((n) => n.otpRelease)).toEqual(["27", "27", "27"]);
    // every iteration reports mesh, pg and global (meshproof's agent holds a global name per node); the rest are not there
    for (const it of report.iterations) {
      expect(Object.fromEntries(Object.entries(it.layers).map(([layer, o]) => [layer, o.verdict]))).toEqual({
        mesh: "pass", pg: "pass", global: "pass", mnesia: "not present", invariants: "not present",
      });
    }
    expect(await runResources(startedRun(run.stderr))).toBe(0);
  });

  it("with --keep, exits as soon as its reports are written and leaves a cluster that check passes and down removes", async () => {
    // a deadline well under the default: a run that kept its probe sessions open never exited
    const run = await meshproofCli(120_000)("run", "--nodes", "3", "--kills", "1", "--seed", "7", "--keep");
    expect(run.timedOut, "run --keep did not exit").toBe(false);
    expect(run.exitCode, run.stderr).toBe(0);
    const runId = /kept run (\w+): check it with `meshproof check --run \1`, remove it with `meshproof down --run \1`/.exec(run.stderr)?.[1];
    expect(runId, run.stderr).toBeDefined();
    const check = await meshproof("check", "--run", runId!);
    expect(check.exitCode, check.stdout + check.stderr).toBe(0);
    expect((await meshproof("down", "--run", runId!)).exitCode).toBe(0);
    expect(await runResources(runId!)).toBe(0);
  });

  it("ends in exit 1 saying the mesh did not heal when the agent does not reconnect", async () => {
    const run = await meshproof("run", "--nodes", "3", "--kills", "3", "--agent-reconnect", "off", "--heal-deadline", "5s");
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/verdict: fail: kill 1 \(app@n\d\): mesh healed fail: not healed by itself within 5 s/);
    expect(await runResources(startedRun(run.stderr))).toBe(0);
  });

  it("ends in exit 1 naming pg when pool workers do not rejoin after a crash", async () => {
    const run = await meshproof("run", "--nodes", "3", "--faults", "crash", "--count", "1", "--pg-rejoin", "off", "--heal-deadline", "8s");
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/verdict: fail: crash 1 \(app@n\d\): pg converged fail: not healed by itself within 8 s: app@n\d: 0 local members in pool \(scope meshproof\)/);
    expect(await runResources(startedRun(run.stderr))).toBe(0);
  });
});

describe("meshproof run, interrupted", () => {
  it.each([
    ["SIGINT", "between faults", /^1\/20 kill/m],
    ["SIGTERM", "while the nodes start", /Starting 3 nodes/],
  ] as const)("%s %s: exit 130, and what the run started is removed", async (signal, _when, cue) => {
    const run = meshproof("run", "--nodes", "3", "--kills", "20");
    let output = "";
    let signalled = false;
    const untilCue = (chunk: Buffer) => {
      output += chunk.toString();
      if (signalled || !cue.test(output)) return;
      signalled = true; // once: a second signal exits at once, without cleanup
      run.kill(signal);
    };
    run.stdout.on("data", untilCue);
    run.stderr.on("data", untilCue);
    const ended = await run;
    expect(ended.exitCode, output).toBe(130);
    expect(ended.stderr).toContain("interrupted; what this command started was removed");
    expect(await runResources(startedRun(output))).toBe(0);
  });
});

describe("meshproof up, check and down", () => {
  it("starts a cluster that check passes, and down removes every labeled resource", async () => {
    const up = await meshproof("up", "--nodes", "3");
    expect(up.exitCode, up.stderr).toBe(0);
    const runId = up.stdout.trim().split("\n").at(-1)!;
    expect(runId).toMatch(/^[0-9a-f]{8}$/);
    try {
      const check = await meshproof("check", "--run", runId);
      expect(check.exitCode, check.stdout).toBe(0);
      expect(check.stdout).toMatch(/mesh\s*│\s*pass/);
      expect(check.stdout).toMatch(/reachability\s*│\s*pass/);
      // the checks read the groups named on the command line over the run's labels (pool:2)
      const wrongGroups = await meshproof("check", "--run", runId, "--pg-groups", "pool:3");
      expect(wrongGroups.exitCode, wrongGroups.stdout).toBe(1);
      expect(wrongGroups.stdout).toMatch(/pg\s*│\s*fail\s*│\s*app@n\d: 2 local members in pool \(scope meshproof\), expected 3/);
      // the run's label says its nodes run meshproof's agent: check expects each agent's global name
      await evalOnNode(containerByName(`meshproof-${runId}-n1`), "app@n1", "global:unregister_name({meshproof_agent, 'app@n2'})");
      const nameGone = await meshproof("check", "--run", runId);
      expect(nameGone.exitCode, nameGone.stdout).toBe(1);
      expect(nameGone.stdout).toMatch(/global\s*│\s*fail\s*│\s*global names {meshproof_agent,app@n2} are registered on no node/);
    } finally {
      const down = await meshproof("down", "--run", runId);
      expect(down.exitCode).toBe(0);
      expect(down.stdout).toContain("removed 0 swarm services, 3 containers, 1 networks and 0 secrets");
    }
    expect(await runResources(runId)).toBe(0);
    const missing = await meshproof("check", "--run", runId);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain(`--run ${runId}: no such run`);
  });
});
