import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FaultPlan } from "../../src/faults/index.js";
import { History } from "../../src/history/history.js";
import { opSchema, type Op } from "../../src/history/events.js";
import { runFaultIteration } from "../../src/run/fault-iteration.js";
import { EventCursor } from "../../src/run/phases/iteration-context.js";
import { partitionView } from "../../src/schedule/partition-shapes.js";
import { seededRng } from "../../src/schedule/rng.js";
import { LAYERS } from "../../src/checks/layer.js";
import { layerCell } from "../../src/report/layer-cell.js";
import { FakeCluster } from "./fake-cluster.js";

// generous for a fake: a loaded machine must not turn a pass into a missed deadline
const DEADLINES = { detectMs: 1_500, healMs: 1_500, stableMs: 40 };
/** For Docker's restart back-off to outgrow the detect deadline within a few crashes. */
const SHORT_DETECT = { ...DEADLINES, detectMs: 400 };

function plan(fields: Partial<FaultPlan> & Pick<FaultPlan, "kind">): FaultPlan {
  return { index: 1, targets: ["app@n2"], durationMs: 30, waitBeforeMs: 0, ...fields } as FaultPlan;
}

/** Runs one iteration on the fake cluster with a history file, and returns the result and what the history holds. */
async function iterate(cluster: FakeCluster, fault: FaultPlan, { signal, deadlines = DEADLINES }: { signal?: AbortSignal; deadlines?: typeof DEADLINES } = {}) {
  const path = join(mkdtempSync(join(tmpdir(), "meshproof-iteration-")), "history.ndjson");
  const history = new History(path);
  const read = (): Op[] => {
    history.close();
    return readFileSync(path, "utf8").trim().split("\n").map((line) => opSchema.parse(JSON.parse(line)));
  };
  try {
    const result = await runFaultIteration({ cluster, history, deadlines, signal }, fault);
    return { result, ops: read() };
  } catch (error) {
    read();
    throw error;
  }
}

const verdictOf = (result: { checks: { name: string; verdict: string }[] }, name: string) => result.checks.find((c) => c.name === name)?.verdict;

describe("runFaultIteration on a fake cluster", () => {
  it("passes a kill that is noticed, lifted and healed, and records each step in the history", async () => {
    const cluster = new FakeCluster(3);
    const { result, ops } = await iterate(cluster, plan({ kind: "kill" }));
    expect(result.checks.filter((c) => c.verdict !== "pass")).toEqual([]);
    expect(result).toMatchObject({ verdict: "pass", fault: "kill", restartedBy: { "app@n2": "harness" } });
    expect(result.detectMs).toBeGreaterThanOrEqual(0);
    expect(result.healMs).toBeGreaterThanOrEqual(0);
    expect(cluster.calls).toContain("kill app@n2");
    expect(cluster.calls).toContain("restart app@n2");
    expect(ops.filter((op) => op.process === "nemesis" || op.f === "detected" || op.f === "healed").map((op) => `${op.f} ${op.type}`)).toEqual([
      "fault invoke",
      "fault ok",
      "detected info",
      "recover invoke",
      "recover ok",
      "healed info",
    ]);
    expect(ops.filter((op) => op.f === "check").length).toBe(result.checks.length);
  });

  it("reports each layer: mesh, pg and global with their detect and heal times, Mnesia and invariants not present", async () => {
    const { result, ops } = await iterate(new FakeCluster(3), plan({ kind: "kill" }));
    expect(result.layers.mnesia).toEqual({ verdict: "not present", detectMs: null, healMs: null });
    expect(result.layers.invariants).toEqual({ verdict: "not present", detectMs: null, healMs: null });
    for (const layer of ["mesh", "pg", "global"] as const) {
      expect(result.layers[layer].verdict, layer).toBe("pass");
      // the killed node's members and name leave the survivors' views: each layer shows the kill
      expect(result.layers[layer].detectMs, layer).toBeGreaterThanOrEqual(0);
      expect(result.layers[layer].healMs, layer).toBeLessThanOrEqual(result.healMs!);
    }
    expect(ops.find((op) => op.f === "healed")?.value).toMatchObject({ layers: { mesh: expect.any(Number), pg: expect.any(Number), global: expect.any(Number) } });
  });

  it("times each layer with the resolution of its own looks, and says unchanged for a layer the fault never showed in", async () => {
    const killed = await iterate(new FakeCluster(3), plan({ kind: "kill" }));
    for (const layer of ["mesh", "pg", "global"] as const) {
      const { healMs, healResolutionMs, unchanged } = killed.result.layers[layer];
      expect([healMs, unchanged], layer).toEqual([expect.any(Number), undefined]);
      // bracketed by two looks of the layer's own lane, or by the recovery and its first look
      expect(healResolutionMs, layer).toBeGreaterThanOrEqual(0);
      expect(healResolutionMs, layer).toBeLessThanOrEqual(healMs!);
    }
    // a cpu limit changes no layer of the fake: no heal time, and no first look's length passed off as one
    const limited = await iterate(new FakeCluster(3), plan({ kind: "cpu", cpus: 0.05, durationMs: 50 }));
    expect(limited.result.verdict).toBe("pass");
    for (const layer of ["mesh", "pg", "global"] as const) {
      expect(limited.result.layers[layer], layer).toEqual({ verdict: "pass", detectMs: null, healMs: null, unchanged: true });
    }
  });

  it("passes a crash the engine restarts: nobody lifts it, and the engine is named as the restarter", async () => {
    const cluster = new FakeCluster(3);
    const { result, ops } = await iterate(cluster, plan({ kind: "crash", durationMs: 0 }));
    expect(result.checks.filter((c) => c.verdict !== "pass")).toEqual([]);
    expect(result.restartedBy).toEqual({ "app@n2": "docker" });
    expect(ops.some((op) => op.f === "recover")).toBe(false);
  });

  it("passes a partition through the real iptables nemesis, and a pause, on the same node", async () => {
    const cluster = new FakeCluster(5);
    const view = partitionView("isolate", cluster.nodeNames, seededRng(1));
    const isolated = Object.keys(view).find((node) => view[node]!.length === 0)!;
    const cut = await iterate(cluster, plan({ kind: "partition", shape: "isolate", method: "iptables", view, targets: [isolated], durationMs: 50 }));
    expect(cut.result.checks.filter((c) => c.verdict !== "pass")).toEqual([]);
    const paused = await iterate(cluster, plan({ index: 2, kind: "pause", targets: [isolated], durationMs: 50 }));
    expect(paused.result.checks.filter((c) => c.verdict !== "pass")).toEqual([]);
  });

  it("fails a fault that never took effect, and still lifts it", async () => {
    const cluster = new FakeCluster(3);
    cluster.inert = true;
    const { result } = await iterate(cluster, plan({ kind: "kill" }));
    expect(result.verdict).toBe("fail");
    expect(result.checks.find((c) => c.name === "fault applied")?.detail).toMatch(/not observed within 1.5 s: .*container of app@n2 is still running/);
    expect(result.detectMs).toBeNull();
    expect(cluster.calls).toContain("restart app@n2");
  });

  it("fails a cluster that never heals by itself, and does not ping (pings would repair it)", async () => {
    const cluster = new FakeCluster(3);
    const { result } = await iterate(cluster, plan({ kind: "pause" }));
    expect(result.verdict).toBe("pass");
    cluster.reconnects = false;
    cluster.calls.length = 0;
    const broken = await iterate(cluster, plan({ index: 2, kind: "kill" }));
    expect(broken.result.verdict).toBe("fail");
    expect(verdictOf(broken.result, "mesh healed")).toBe("fail");
    expect(broken.result.checks.find((c) => c.name === "mesh healed")?.detail).toMatch(/^not healed by itself within 1.5 s/);
    expect(verdictOf(broken.result, "reachability")).toBe("unknown");
    expect(broken.result.healMs).toBeNull();
    expect(cluster.calls).not.toContain("pingMatrix");
  });

  it("fails a heal that does not hold: a node that drops its connections between sweeps, named with its peer and the time", async () => {
    const cluster = new FakeCluster(3);
    cluster.flapping.add("app@n3");
    const { result } = await iterate(cluster, plan({ kind: "kill", targets: ["app@n2"] }));
    // every sweep saw a whole mesh: only the nodes' own event logs show the drops
    expect(verdictOf(result, "mesh healed")).toBe("pass");
    expect(result.verdict).toBe("fail");
    expect(result.checks.find((c) => c.name === "no unexpected disconnect")?.detail).toMatch(
      /app@n\d lost app@n3 at \d\d:\d\d:\d\d\.\d{3} \(connection_closed\), which no fault explains/,
    );
  });

  it("judges every nodedown between two iterations: a drop after one heal fails the next iteration", async () => {
    const cluster = new FakeCluster(3);
    const events = new EventCursor();
    const ctx = { cluster, history: new History(), deadlines: DEADLINES, events };
    expect((await runFaultIteration(ctx, plan({ kind: "kill" }))).verdict).toBe("pass");
    await cluster.kill("app@n3"); // nobody's fault: the cluster itself loses a node
    await cluster.restart("app@n3");
    const next = await runFaultIteration(ctx, plan({ index: 2, kind: "pause", targets: ["app@n1"], durationMs: 50 }));
    expect(next.verdict).toBe("fail");
    expect(next.checks.find((c) => c.name === "no unexpected disconnect")?.detail).toMatch(/lost app@n3/);
  });

  it("cannot pass the disconnect check without event logs: unknown, naming the nodes", async () => {
    const cluster = new FakeCluster(3);
    cluster.eventLogs = false;
    const { result } = await iterate(cluster, plan({ kind: "stop" }));
    expect(result.checks.find((c) => c.name === "no unexpected disconnect")).toMatchObject({ verdict: "unknown", detail: expect.stringMatching(/no node event log/) });
  });

  it("never invokes a fault on a cluster whose probe times out before it", async () => {
    const cluster = new FakeCluster(3);
    cluster.silent.add("app@n3");
    const { result } = await iterate(cluster, plan({ kind: "kill" }));
    expect(result.verdict).toBe("fail");
    expect(result.checks.map((c) => c.name)).toEqual(["healthy before fault: mesh", "healthy before fault: pg converged", "healthy before fault: global converged"]);
    expect(result.checks[0]!.detail).toMatch(/app@n3/);
    expect(cluster.calls.some((call) => call.startsWith("kill"))).toBe(false);
  });

  it("reports a recover that throws as unknown, naming the error, and judges nothing after it", async () => {
    const cluster = new FakeCluster(3);
    cluster.failing.set("restart", new Error("engine said no"));
    const { result, ops } = await iterate(cluster, plan({ kind: "stop" }));
    expect(result.verdict).toBe("unknown");
    expect(result.checks.find((c) => c.name === "fault lifted")).toMatchObject({ verdict: "unknown", detail: expect.stringMatching(/engine said no/) });
    expect(result.checks.some((c) => c.name === "mesh healed")).toBe(false);
    expect(ops.some((op) => op.f === "recover" && op.type === "fail")).toBe(true);
  });

  it("leaves every layer unknown, never pass, when the harness cannot inflict the fault: nothing was judged after it", async () => {
    const cluster = new FakeCluster(3);
    cluster.failing.set("kill", new Error("no such container"));
    const { result } = await iterate(cluster, plan({ kind: "kill" }));
    for (const layer of ["mesh", "pg", "global"] as const) {
      expect(result.layers[layer], layer).toEqual({ verdict: "unknown", detectMs: null, healMs: null, reason: "not judged: the harness could not inflict the fault: no such container" });
    }
    expect(result.layers.mnesia.verdict).toBe("not present");
    expect(LAYERS.map((layer) => layerCell(result.layers[layer]))).toEqual(["?", "?", "?", "–", "–"]);
  });

  it("leaves every layer unknown when the harness cannot lift the fault", async () => {
    const cluster = new FakeCluster(3);
    cluster.failing.set("restart", new Error("engine said no"));
    const { result } = await iterate(cluster, plan({ kind: "stop" }));
    expect([result.layers.mesh, result.layers.pg, result.layers.global].map((l) => [l.verdict, l.reason])).toEqual(
      Array(3).fill(["unknown", "not judged: the harness could not lift the fault: engine said no"]),
    );
  });

  it("fails the layers that failed before the fault (they were judged) and leaves the others unknown", async () => {
    const cluster = new FakeCluster(3);
    cluster.reconnects = false;
    await cluster.kill("app@n3");
    await cluster.restart("app@n3"); // back, but nobody dials it: the mesh and what runs over it stay split
    const { result } = await iterate(cluster, plan({ kind: "kill" }));
    expect(result.layers.mesh.verdict).toBe("fail");
    for (const layer of LAYERS) expect(result.layers[layer].verdict, layer).not.toBe("pass");
    const unknown = LAYERS.filter((layer) => result.layers[layer].verdict === "unknown");
    for (const layer of unknown) expect(result.layers[layer].reason, layer).toBe("not judged: the cluster was not healthy before the fault");
  });

  it("reports an invoke that throws as unknown, and still lifts what it may have done", async () => {
    const cluster = new FakeCluster(3);
    cluster.failing.set("pause", new Error("no such container"));
    const { result } = await iterate(cluster, plan({ kind: "pause" }));
    expect(result.verdict).toBe("unknown");
    expect(result.checks.find((c) => c.name === "fault invoked")?.detail).toMatch(/no such container/);
    expect(cluster.calls).toContain("unpause app@n2");
  });

  // each phase is entered through a port call: aborting there must end the iteration and leave no fault in place
  it.each([
    ["healthy before", "probe", undefined, false],
    ["invoke", "kill", undefined, true],
    ["fault applied", "probe", "kill app@n2", true],
    ["heal", "probe", "restart app@n2", true],
  ] as const)("an abort while %s ends the iteration with the abort, and lifts a fault in place", async (_phase, method, after, invoked) => {
    const cluster = new FakeCluster(3);
    const controller = new AbortController();
    // abort at the first such call of the phase: after the call that begins it
    cluster.onCall = (called) => {
      if (called === method && (after === undefined || cluster.calls.includes(after))) controller.abort();
    };
    await expect(iterate(cluster, plan({ kind: "kill", durationMs: 100 }), { signal: controller.signal })).rejects.toThrow(/abort/i);
    expect(cluster.calls.includes("kill app@n2")).toBe(invoked);
    if (invoked) expect(cluster.calls).toContain("restart app@n2");
  });

  it("an abort while the fault is held lifts it at once", async () => {
    const cluster = new FakeCluster(3);
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 100);
    await expect(iterate(cluster, plan({ kind: "pause", durationMs: 10_000 }), { signal: controller.signal })).rejects.toThrow(/abort/i);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(cluster.calls).toContain("unpause app@n2");
  });
});

describe("engine restarts on a fake cluster that restarts crashes as Docker does", () => {
  const failures = (result: { checks: { verdict: string }[] }) => result.checks.filter((c) => c.verdict !== "pass");

  // a harness start resets Docker's RestartCount (3 -> 0), so counting by it read a kill after a crash as "restarted -1 times"
  it("passes a crash and then a kill of the same node", async () => {
    const cluster = new FakeCluster(3);
    const crashed = await iterate(cluster, plan({ kind: "crash", durationMs: 0 }));
    const killed = await iterate(cluster, plan({ index: 2, kind: "kill" }));
    expect(failures(crashed.result)).toEqual([]);
    expect(failures(killed.result)).toEqual([]);
  });

  // 100, 200, 400, 800 ms: the fourth back-off outgrows a 400 ms detect deadline
  it("waits out Docker's restart back-off of a node that crashes again and again, and says so", async () => {
    const cluster = new FakeCluster(3);
    const results = [];
    for (const index of [1, 2, 3, 4]) results.push((await iterate(cluster, plan({ index, kind: "crash", durationMs: 0 }), { deadlines: SHORT_DETECT })).result);
    expect(results.flatMap(failures)).toEqual([]);
    expect(results.at(-1)!.checks.find((c) => c.name === "fault applied")?.detail).toMatch(/; waited 0\.\d s past the deadline for Docker's restart back-off of 0\.8 s$/);
  });

  it("fails a crash the engine never restarts, after waiting out the back-off it would have taken", async () => {
    const cluster = new FakeCluster(3);
    cluster.restartPolicy = false;
    const { result } = await iterate(cluster, plan({ kind: "crash", durationMs: 0 }), { deadlines: SHORT_DETECT });
    expect(result.checks.find((c) => c.name === "fault applied")?.detail).toBe(
      "not observed within 0.5 s (0.4 s and 0.1 s of Docker's restart back-off): the engine has not restarted app@n2",
    );
  });

  it("fails no cascade naming a node the engine restarted though no fault targeted it", async () => {
    const cluster = new FakeCluster(3);
    let crashed = false;
    cluster.onCall = (method) => {
      if (method !== "restart" || crashed) return;
      crashed = true;
      cluster.crashByItself("app@n3");
    };
    const { result } = await iterate(cluster, plan({ kind: "kill" }));
    const noCascade = result.checks.find((c) => c.name === "no cascade");
    expect(noCascade?.verdict).toBe("fail");
    expect(noCascade?.detail).toMatch(/the engine restarted app@n3/);
    expect(noCascade?.detail).not.toMatch(/app@n2/);
  });
});
