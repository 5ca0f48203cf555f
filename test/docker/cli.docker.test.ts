import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reportSchema } from "../../src/report/report-schema.js";
import { listContainers } from "../../src/docker/containers.js";
import { listNetworks } from "../../src/docker/networks.js";
import { LABEL_RUN } from "../../src/docker/labels.js";
import { meshproofCli } from "./harness.js";
import { neighbourTableFor } from "./neighbour-table.js";

/* The CLI as a user runs it (dist/ is built by the global setup), exit codes included. */

const meshproof = meshproofCli(240_000);

async function labeledResources(): Promise<number> {
  return (await listContainers([LABEL_RUN])).length + (await listNetworks([LABEL_RUN])).length;
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
    expect(await labeledResources()).toBe(0);
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
    expect(await labeledResources()).toBe(0);
  });

  it("ends in exit 1 saying the mesh did not heal when the agent does not reconnect", async () => {
    const run = await meshproof("run", "--nodes", "3", "--kills", "3", "--agent-reconnect", "off", "--heal-deadline", "5s");
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/verdict: fail: kill 1 \(app@n\d\): mesh healed fail: not healed by itself within 5 s/);
    expect(await labeledResources()).toBe(0);
  });

  it("ends in exit 1 naming pg when pool workers do not rejoin after a crash", async () => {
    const run = await meshproof("run", "--nodes", "3", "--faults", "crash", "--count", "1", "--pg-rejoin", "off", "--heal-deadline", "8s");
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/verdict: fail: crash 1 \(app@n\d\): pg converged fail: not healed by itself within 8 s: app@n\d: 0 local members in pool \(scope meshproof\)/);
    expect(await labeledResources()).toBe(0);
  });

  // each is refused before anything starts: they run side by side (a CLI that loads takes a second or two)
  it.concurrent.for<[string[], string]>([
    [["--nodes", "1"], "--nodes"],
    [["--otp", "26"], "--otp"],
    [["--agent-reconnect", "sometimes"], "--agent-reconnect"],
    [["--heal-deadline", "soon"], "--heal-deadline"],
    [["--no-such-flag"], "unknown option '--no-such-flag'"],
    [["--faults", "kill,explode"], "--faults"],
    [["--scenario", "no/such/file.yaml"], "--scenario no/such/file.yaml: cannot read it"],
    // lifted before any tick could notice it, it could only end as "not applied"
    [["--faults", "pause", "--fault-duration", "200ms"], "--fault-duration: a pause must last at least 6.25 s (1.25 x net_ticktime 5 s) to be noticed"],
    [["--nodes", "3.5"], "--nodes: must be a whole number from 2 to 100 (got 3.5)"],
    [["--faults", "crash", "--kills", "3"], "--kills: it is short for --faults kill --count N"],
  ])("rejects bad input %j with exit 2, naming the option, and starts nothing", async ([args, named], { expect }) => {
    const run = await meshproof("run", ...args);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(named);
    expect(await labeledResources()).toBe(0);
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
    expect(await labeledResources()).toBe(0);
  });
});

describe("meshproof run --scenario", () => {
  it("names the file and the field of a bad scenario, exit 2, nothing started", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-scenario-"));
    const path = join(dir, "bad.yaml");
    await writeFile(path, "cluster: { nodes: 3 }\nfaults:\n  - { kind: partition, shape: ring }\n");
    const run = await meshproof("run", "--scenario", path);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${path}: faults.0.shape: a ring partition needs at least 4 nodes`);
    expect(await labeledResources()).toBe(0);
  });

  it("names an unknown key of the file and the key meant, exit 2, nothing started", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-scenario-"));
    const path = join(dir, "typo.yaml");
    await writeFile(path, "cluster: { node: 3, netTicktime: 1 }\n");
    const run = await meshproof("run", "--scenario", path);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${path}: cluster.node: unknown key; did you mean nodes?`);
    expect(await labeledResources()).toBe(0);
  });

  it("refuses delay faults with a clear reason where the kernel has no netem, before starting anything", async () => {
    const run = await meshproof("run", "--nodes", "2", "--faults", "delay", "--count", "1");
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("need the kernel's netem queueing discipline");
    expect(run.stderr).not.toContain("Starting 2 nodes");
    expect(await labeledResources()).toBe(0);
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
    } finally {
      const down = await meshproof("down", "--run", runId);
      expect(down.exitCode).toBe(0);
      expect(down.stdout).toContain("removed 0 swarm services, 3 containers, 1 networks and 0 secrets");
    }
    expect(await labeledResources()).toBe(0);
    const missing = await meshproof("check", "--run", runId);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain(`--run ${runId}: no such run`);
  });

  it("down --all sweeps every run", async () => {
    const up = await meshproof("up", "--nodes", "2");
    expect(up.exitCode, up.stderr).toBe(0);
    const down = await meshproof("down", "--all");
    expect(down.exitCode).toBe(0);
    expect(await labeledResources()).toBe(0);
  });
});

describe("meshproof run at scale", () => {
  it("kills and heals in a 50-node cluster", async (ctx) => {
    const skip = await neighbourTableFor(50);
    if (skip) {
      console.warn(`skipping the 50-node test: ${skip}`);
      ctx.skip(skip);
    }
    const dir = await mkdtemp(join(tmpdir(), "meshproof-50-"));
    const run = await meshproof("run", "--nodes", "50", "--kills", "2", "--report", dir);
    expect(run.exitCode, run.stderr).toBe(0);
    const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
    expect(report.nodes).toHaveLength(50);
    expect(report.iterations.every((it) => it.verdict === "pass")).toBe(true);
    expect(await labeledResources()).toBe(0);
  });
});
