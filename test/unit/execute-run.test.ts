import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { OpenCluster, OpenClusterOptions } from "../../src/cluster/open/open-cluster.js";
import { attachSelectorSchema } from "../../src/config/attach-selector.js";
import { ClusterNotReady } from "../../src/errors.js";
import { opSchema } from "../../src/history/events.js";
import { silentProgress } from "../../src/progress.js";
import { reportSchema, type Report } from "../../src/report/report-schema.js";
import { executeRun, type RunRequest } from "../../src/run/execute-run.js";
import { scenarioSchema, type ScenarioInput } from "../../src/scenario/scenario.js";
import { FakeCluster } from "./fake-cluster.js";

// generous for a fake: a loaded machine must not turn a pass into a missed deadline
const FAST = { deadlines: { detect: "1500ms", heal: "1500ms", stable: "40ms" }, recoveryWindow: "1500ms" } as const;

/** The door a run opens its cluster through, giving the fake; it says what it was asked to open. */
function fakeDoor(cluster: FakeCluster): { open: OpenCluster; opened: OpenClusterOptions[] } {
  const opened: OpenClusterOptions[] = [];
  const open: OpenCluster = async (options) => {
    opened.push(options);
    if ("start" in options) options.context?.onRunId?.(cluster.runId);
    return cluster;
  };
  return { open, opened };
}

/** A whole run of a 3-node scenario on the fake, its files in a fresh directory. */
async function run(
  open: OpenCluster,
  input: ScenarioInput,
  { signal, ...request }: Partial<Pick<RunRequest, "keep" | "attach">> & { signal?: AbortSignal } = {},
): Promise<{ report: Report; dir: string }> {
  const reportDir = mkdtempSync(join(tmpdir(), "meshproof-run-"));
  const scenario = scenarioSchema.parse({ cluster: { nodes: 3 }, ...FAST, ...input });
  return executeRun({ scenario, seed: 7, reproduce: "meshproof run --seed 7", reportDir, keep: false, ...request }, { progress: silentProgress, signal }, open);
}

const checkNamed = (report: Report, name: string) => report.checks.find((c) => c.name === name);

describe("executeRun on a fake cluster", () => {
  it("passes a healing cluster: starts it through the door, runs the schedule and the final heal, writes every report, and removes it", async () => {
    const cluster = new FakeCluster(3);
    const { open, opened } = fakeDoor(cluster);
    const { report, dir } = await run(open, { faults: [{ kind: "kill", downtime: "30ms" }], count: 2 });
    expect(opened).toMatchObject([{ start: { nodes: 3 } }]);
    expect(report).toMatchObject({ verdict: "pass", runId: "fake", seed: 7 });
    expect(report.iterations.map((it) => [it.fault, it.verdict])).toEqual([
      ["kill", "pass"],
      ["kill", "pass"],
    ]);
    expect(checkNamed(report, "final heal")).toMatchObject({ verdict: "pass" });
    expect(reportSchema.parse(JSON.parse(readFileSync(join(dir, "report.json"), "utf8")))).toMatchObject({ verdict: "pass" });
    for (const file of ["junit.xml", "report.html", "history.ndjson"]) expect(existsSync(join(dir, file)), file).toBe(true);
    const ops = readFileSync(join(dir, "history.ndjson"), "utf8").trim().split("\n").map((line) => opSchema.parse(JSON.parse(line)));
    expect(ops.at(-1)).toMatchObject({ f: "verdict", value: { verdict: "pass" } });
    expect(cluster.calls.at(-1)).toBe("down");
  });

  it("fails a cluster that does not heal: stops at the failed iteration, runs no final heal, and still removes the cluster", async () => {
    const cluster = new FakeCluster(3);
    cluster.reconnects = false;
    const { report } = await run(fakeDoor(cluster).open, { faults: [{ kind: "kill", downtime: "30ms" }], count: 3 });
    expect(report.verdict).toBe("fail");
    expect(report.iterations.map((it) => it.verdict)).toEqual(["fail"]);
    expect(checkNamed(report, "final heal")).toEqual({ name: "final heal", verdict: "unknown", detail: "not run: iteration 1 failed" });
    expect(cluster.calls).not.toContain("pingMatrix"); // pings would repair what is judged
    expect(cluster.calls.at(-1)).toBe("down");
  });

  it("reports a fault the harness cannot inflict as unknown, naming the error, never as pass", async () => {
    const cluster = new FakeCluster(3);
    cluster.failing.set("kill", new Error("the engine refused the kill"));
    const { report } = await run(fakeDoor(cluster).open, { faults: [{ kind: "kill", downtime: "30ms" }], count: 1 });
    expect(report.verdict).toBe("unknown");
    expect(report.iterations[0]?.verdict).toBe("unknown");
    expect(JSON.stringify(report.iterations[0]?.checks)).toContain("the engine refused the kill");
  });

  it("keeps its reports when the harness itself fails mid-run: what was judged, then unknown naming the error", async () => {
    const cluster = new FakeCluster(3);
    let broken = false;
    cluster.onCall = (method) => {
      // the engine goes away during the second kill, after the first iteration was judged
      if (method === "kill" && cluster.calls.filter((call) => call.startsWith("kill ")).length === 2) broken = true;
      if (broken && method === "engineRestarts") throw new Error("the engine went away");
    };
    const { report, dir } = await run(fakeDoor(cluster).open, { faults: [{ kind: "kill", downtime: "30ms" }], count: 3 });
    expect(report.verdict).toBe("unknown");
    expect(report.iterations.map((it) => it.verdict)).toEqual(["pass"]);
    expect(checkNamed(report, "harness")?.detail).toBe("the harness failed during iteration 2 (kill): the engine went away; nothing after it was judged");
    expect(checkNamed(report, "final heal")).toMatchObject({ verdict: "unknown", detail: "not run: iteration 2: the harness failed" });
    expect(reportSchema.parse(JSON.parse(readFileSync(join(dir, "report.json"), "utf8")))).toMatchObject({ verdict: "unknown" });
    expect(cluster.calls.at(-1)).toBe("down");
  });

  it("on Ctrl-C while a fault is held, lifts it, removes the cluster, and ends with the abort", async () => {
    const cluster = new FakeCluster(3);
    const controller = new AbortController();
    cluster.onCall = (method) => {
      if (method === "pause") setTimeout(() => controller.abort(), 50);
    };
    await expect(run(fakeDoor(cluster).open, { faults: [{ kind: "pause", duration: "10s" }], count: 1 }, { signal: controller.signal })).rejects.toThrow(/abort/i);
    const paused = cluster.calls.find((call) => call.startsWith("pause "))!.slice("pause ".length);
    const unpausedAt = cluster.calls.indexOf(`unpause ${paused}`);
    expect(unpausedAt).toBeGreaterThan(-1);
    expect(cluster.calls.indexOf("down")).toBeGreaterThan(unpausedAt);
  });

  it("reports a cluster that never formed (exit 1 with a report), not a harness error", async () => {
    const notReady = new ClusterNotReady({ mesh: { name: "mesh", verdict: "fail", detail: "app@n2 sees no peer" } }, { "app@n2": "boot failed" });
    const open: OpenCluster = async (options) => {
      if ("start" in options) options.context?.onRunId?.("never");
      throw notReady;
    };
    const { report, dir } = await run(open, { count: 1 });
    expect(report).toMatchObject({ verdict: "fail", runId: "never", iterations: [] });
    expect(JSON.stringify(report.checks)).toContain("app@n2 sees no peer");
    expect(existsSync(join(dir, "report.json"))).toBe(true);
  });

  it("keeps the cluster when asked: lets go of it (detach) instead of removing it", async () => {
    const cluster = new FakeCluster(3);
    await run(fakeDoor(cluster).open, { faults: [{ kind: "kill", downtime: "30ms" }], count: 1 }, { keep: true });
    expect(cluster.calls).toContain("detach");
    expect(cluster.calls).not.toContain("down");
  });

  it("attached: opens the attach door, plans on the nodes found, and leaves the cluster running however the run ends", async () => {
    const cluster = new FakeCluster(3);
    const { open, opened } = fakeDoor(cluster);
    const attach = { attach: attachSelectorSchema.parse("compose:shop") };
    const { report } = await run(open, { faults: [{ kind: "kill", downtime: "30ms" }], count: 1 }, { attach });
    expect(opened).toMatchObject([{ attach: { attach: { raw: "compose:shop" }, crashes: false } }]);
    expect(report.verdict).toBe("pass");
    expect(cluster.calls.at(-1)).toBe("detach");
    expect(cluster.calls).not.toContain("down");

    const broken = new FakeCluster(3);
    broken.failing.set("hosts", new Error("the engine went away"));
    await expect(run(fakeDoor(broken).open, { faults: [{ kind: "kill", downtime: "30ms" }], count: 1 }, { attach })).rejects.toThrow("the engine went away");
    expect(broken.calls).toEqual(["hosts", "detach"]);
  });
});
