import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { meshproofCli, runResources } from "./harness.js";

/*
 * Input the CLI refuses before it starts anything: exit 2, the option or field named, and nothing of any run on the
 * engine afterwards. It counts the whole engine, so it runs with the engine to itself (vitest.config.ts).
 */

const meshproof = meshproofCli(60_000);

describe("meshproof run, refused", () => {
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
    expect(await runResources()).toBe(0);
  });
});

describe("meshproof run --scenario", () => {
  it.each([
    ["the file and the field of a bad scenario", "bad.yaml", "cluster: { nodes: 3 }\nfaults:\n  - { kind: partition, shape: ring }\n", "faults.0.shape: a ring partition needs at least 4 nodes"],
    ["an unknown key of the file and the key meant", "typo.yaml", "cluster: { node: 3, netTicktime: 1 }\n", "cluster.node: unknown key; did you mean nodes?"],
  ])("names %s, exit 2, nothing started", async (_, file, content, message) => {
    const path = join(await mkdtemp(join(tmpdir(), "meshproof-scenario-")), file);
    await writeFile(path, content);
    const run = await meshproof("run", "--scenario", path);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${path}: ${message}`);
    expect(await runResources()).toBe(0);
  });

  it("refuses delay faults with a clear reason where the kernel has no netem, before starting anything", async () => {
    const run = await meshproof("run", "--nodes", "2", "--faults", "delay", "--count", "1");
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("need the kernel's netem queueing discipline");
    expect(run.stderr).not.toContain("Starting 2 nodes");
    expect(await runResources()).toBe(0);
  });
});

describe("faults a backend cannot take", () => {
  it("cpu on swarm is refused before anything starts, naming the field; so is replace in attach mode", async () => {
    const swarm = await meshproof("run", "--engine", "swarm", "--faults", "cpu", "--nodes", "3");
    expect(swarm.exitCode, swarm.stderr).toBe(2);
    expect(swarm.stderr).toMatch(/--faults.*swarm|faults\.0\.kind.*swarm/);
    const attached = await meshproof("run", "--attach", "compose:meshproof-test-nothing-here", "--faults", "replace");
    expect(attached.exitCode, attached.stderr).toBe(2);
    expect(attached.stderr).toMatch(/faults\.0\.kind: replace .*attached/);
    expect(await runResources()).toBe(0);
  });
});
