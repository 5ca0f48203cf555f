import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { containerByName, containerState, listContainers } from "../../src/docker/containers.js";
import { LABEL_NODE, runLabelFilter } from "../../src/docker/labels.js";
import { reportSchema } from "../../src/report/report-schema.js";
import { meshproofCli } from "./harness.js";

/* cpu and replace, mixed with a kill on the same node of a real 3-node cluster (their refusals: cli-refusals.docker.test.ts). */

const meshproof = meshproofCli(240_000);

const SCENARIO = `
name: cpu-replace-kill
cluster:
  nodes: 3
  netTicktime: 2
faults:
  - { kind: cpu, target: { nodes: [app@n2] }, cpus: 0.05, duration: 5s }
  - { kind: replace, target: { nodes: [app@n2] } }
  - { kind: kill, target: { nodes: [app@n2] }, downtime: 500ms }
order: cycle
count: 4
deadlines:
  heal: 30s
`;

describe("cpu and replace faults", () => {
  it("limit a node's CPUs and give them back, and replace it at a new address, mixed with a kill of it: pass", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-cpu-replace-"));
    await writeFile(join(dir, "scenario.yaml"), SCENARIO);
    const run = await meshproof("run", "--scenario", join(dir, "scenario.yaml"), "--seed", "3", "--report", join(dir, "report"), "--keep");
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    const runId = /kept run (\w+)/.exec(run.stderr)![1]!;
    try {
      const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report", "report.json"), "utf8")));
      expect(report.iterations.map((i) => `${i.fault} ${i.verdict}`)).toEqual(["cpu pass", "replace pass", "kill pass", "cpu pass"]);
      const applied = (index: number) => report.iterations[index]!.checks.find((c) => c.name === "fault applied")!.detail;
      expect(applied(0)).toContain("app@n2 limited to 0.05 CPUs (had no limit)");
      expect(report.iterations[0]!.checks.find((c) => c.name === "fault undone")).toMatchObject({ verdict: "pass" });
      const [, from, oldId, to, newId] = /app@n2 moved from (\S+) \(container (\w+)\) to (\S+) \(container (\w+)\)/.exec(applied(1)) ?? [];
      expect(from, applied(1)).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(to).not.toBe(from);
      expect(newId).not.toBe(oldId);
      expect(report.iterations[1]!.restartedBy).toEqual({ "app@n2": "harness" });
      // the kept cluster: n2 runs in the container that replaced it (the old one is gone), with no CPU limit in effect
      const containers = await listContainers([runLabelFilter(runId), `${LABEL_NODE}=app@n2`]);
      expect(containers.map((c) => c.name)).toEqual([`meshproof-${runId}-n2`]);
      const state = await containerState(containerByName(containers[0]!.id));
      expect(state.id.startsWith(newId!)).toBe(true);
      expect(state.cpus).toBeNull();
    } finally {
      await meshproof("down", "--run", runId);
    }
  });
});
