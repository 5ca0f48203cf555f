import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startCluster, type ClusterOptionsInput } from "../../src/index.js";
import { History } from "../../src/history/history.js";
import type { PlannedFault } from "../../src/faults/index.js";
import { reportSchema } from "../../src/report/report-schema.js";
import type { IterationResult } from "../../src/report/run-result.js";
import { runFaultIteration } from "../../src/run/fault-iteration.js";
import { meshproofCli } from "./harness.js";

/* The partitions real clusters meet (one-way, reset, blips), loss and slow links: applied with evidence, healed, and a blip that cuts a connection failing a cluster that never dials again. */

const meshproof = meshproofCli(240_000);

/** Every network kind in turn on three nodes, so that each node meets several kinds, a kill among them. */
const MIXED = `
name: network faults, mixed
cluster:
  nodes: 3
  netTicktime: 2
faults:
  - { kind: partition, shape: isolate, direction: inbound }
  - { kind: loss, probability: 0.3, duration: 3s }
  - { kind: partition, shape: isolate, direction: outbound }
  - { kind: bandwidth, rate: 64kbit, duration: 3s }
  - { kind: partition, shape: isolate, method: reset }
  - { kind: kill }
  - { kind: partition, shape: halves, duration: 300ms }
order: cycle
count: 7
deadlines:
  heal: 30s
`;

describe("network faults of real clusters, mixed on the same nodes", () => {
  it("passes one-way cuts both ways, loss, a slow link, a reset, a kill and a blip, each applied with its evidence", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-network-faults-"));
    const scenario = join(dir, "scenario.yaml");
    await writeFile(scenario, MIXED);
    const run = await meshproof("run", "--scenario", scenario, "--seed", "22", "--report", dir);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
    const applied = report.iterations.map((it) => it.checks.find((c) => c.name === "fault applied")!);
    expect(report.iterations.map((it) => it.verdict)).toEqual(Array(7).fill("pass"));
    // seed 22: app@n3 is cut inbound, then outbound, then slowed; app@n1 reset, then killed; app@n2 lossy, then blipped
    expect(new Set(report.iterations.flatMap((it) => it.targets)).size).toBe(3);
    const [inbound, , outbound, , reset, , blip] = report.iterations;
    for (const oneWay of [inbound!, outbound!]) expect(applied[oneWay.index - 1]!.detail).toMatch(/saw nodedown first, \d+\.\d s before/);
    // a reset is seen at the next packet: within net_ticktime / 4 and a second, not through the tick
    expect(reset!.detectMs).toBeLessThan(1_500);
    expect(blip!.layers.mesh.verdict).toBe("pass");
    for (const check of applied) expect(check.verdict).toBe("pass");
  });
});

const TICK_S = 2;
const deadlines = { detectMs: 10_000, healMs: 10_000, stableMs: 1_000 };

async function iterate(options: ClusterOptionsInput, plan: PlannedFault): Promise<IterationResult> {
  await using cluster = await startCluster({ nodes: 3, netTicktime: TICK_S, ...options });
  // await before `cluster` is disposed at the end of this block
  return await runFaultIteration({ cluster, history: new History(), deadlines }, { index: 1, waitBeforeMs: 0, ...plan });
}

const check = (result: IterationResult, name: string) => result.checks.find((c) => c.name === name);

/** app@n3 reset off from the others for a second: shorter than the tick could notice a silence, long enough for ticks to meet the reset. */
const RESET_BLIP: PlannedFault = {
  kind: "partition",
  targets: ["app@n3"],
  shape: "isolate",
  method: "reset",
  direction: "both",
  view: { "app@n1": ["app@n2"], "app@n2": ["app@n1"], "app@n3": [] },
  durationMs: 1_000,
  blip: true,
};

describe("a blip that resets connections", () => {
  it("passes a cluster whose agents dial again", async () => {
    const result = await iterate({}, RESET_BLIP);
    expect(result.verdict, JSON.stringify(result.checks)).toBe("pass");
  });

  it("fails a cluster whose agents never dial again, naming the mesh", async () => {
    const result = await iterate({ agentReconnect: "off" }, RESET_BLIP);
    expect(result.verdict).toBe("fail");
    expect(check(result, "fault applied")?.verdict).toBe("pass");
    expect(check(result, "mesh healed")?.verdict).toBe("fail");
    expect(check(result, "mesh healed")?.detail).toMatch(/app@n\d does not see app@n3/);
  });
});
