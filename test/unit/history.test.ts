import { readFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, it, expect } from "vitest";
import { opSchema, type Op } from "../../src/history/events.js";
import { History } from "../../src/history/history.js";
import type { FaultPlan } from "../../src/faults/index.js";

const KILL: FaultPlan = { index: 1, kind: "kill", targets: ["app@n2"], durationMs: 1_000, waitBeforeMs: 0 };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "meshproof-history-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function opsIn(path: string): Op[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => opSchema.parse(JSON.parse(line)));
}

describe("History", () => {
  it("writes each record as one JSON line at once, before it is closed", () => {
    const path = join(dir, "history.ndjson");
    const history = new History(path);
    try {
      history.record({ process: "nemesis", type: "invoke", f: "fault", value: KILL });
      expect(opsIn(path)).toHaveLength(1);
      history.record({ process: "nemesis", type: "ok", f: "fault", value: { index: 1, targets: ["app@n2"] } });
      const text = readFileSync(path, "utf8");
      expect(text.endsWith("\n")).toBe(true);
      expect(text.split("\n")).toHaveLength(3);
      expect(opsIn(path)).toHaveLength(2);
    } finally {
      history.close();
    }
  });

  it("keeps process, type, f and value of each op, with a wall-clock time", () => {
    const path = join(dir, "history.ndjson");
    const history = new History(path);
    history.record({ process: "app@n3", type: "ok", f: "observe", value: { peers: ["app@n1"], pg: { pool: 4 }, creation: 17 } });
    history.record({ process: "checker", type: "info", f: "check", value: { iteration: 2, name: "fault applied", verdict: "fail", detail: 'a < b & "c"' } });
    history.close();
    const [observe, checked] = opsIn(path);
    expect(observe).toMatchObject({ process: "app@n3", type: "ok", f: "observe", value: { peers: ["app@n1"], pg: { pool: 4 }, creation: 17 } });
    expect(checked).toMatchObject({ process: "checker", type: "info", f: "check", value: { iteration: 2, name: "fault applied", verdict: "fail", detail: 'a < b & "c"' } });
    expect(new Date(observe!.wall).toISOString()).toBe(observe!.wall);
  });

  it("keeps each layer's detect and heal ms on detected and healed, and reads them without (histories from before layers)", () => {
    const path = join(dir, "history.ndjson");
    const history = new History(path);
    history.record({ process: "checker", type: "info", f: "detected", value: { iteration: 1, detectMs: 40, layers: { mesh: 40, pg: 55 } } });
    history.record({ process: "checker", type: "info", f: "healed", value: { iteration: 1, healMs: 900, resolutionMs: 30, layers: { mesh: 880, pg: 900, mnesia: 1_400 } } });
    history.record({ process: "checker", type: "info", f: "healed", value: { iteration: 2, healMs: 700, resolutionMs: 20 } });
    history.close();
    const [detected, healed, older] = opsIn(path);
    expect(detected).toMatchObject({ f: "detected", value: { layers: { mesh: 40, pg: 55 } } });
    expect(healed).toMatchObject({ f: "healed", value: { layers: { mesh: 880, pg: 900, mnesia: 1_400 } } });
    expect(older).toMatchObject({ f: "healed", value: { iteration: 2 } });
    expect(older).not.toHaveProperty("value.layers");
    expect(opSchema.safeParse({ ...older, value: { iteration: 2, healMs: 700, resolutionMs: 20, layers: { disk: 3 } } }).success).toBe(false);
  });

  it("leaves out the value of an op recorded without one", () => {
    const path = join(dir, "history.ndjson");
    const history = new History(path);
    history.record({ process: "nemesis", type: "ok", f: "final-heal" });
    history.close();
    expect(opsIn(path)[0]).not.toHaveProperty("value");
  });

  it("gives ops increasing times since the history was opened", async () => {
    const path = join(dir, "history.ndjson");
    const history = new History(path);
    // each record's own clock reading lies between these two of ours: its times are judged by them, not by how long a timer slept
    const around: { beforeMs: number; afterMs: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const beforeMs = performance.now();
      history.record({ process: "probe", type: "invoke", f: "observe", value: { nodes: [`app@n${i + 1}`] } });
      around.push({ beforeMs, afterMs: performance.now() });
      await sleep(2);
    }
    history.close();
    const times = opsIn(path).map((op) => op.timeMs);
    expect(times).toHaveLength(5);
    expect(times[0]).toBeGreaterThanOrEqual(0);
    for (let i = 1; i < times.length; i++) {
      expect(times[i]).toBeGreaterThan(times[i - 1]!);
      // times are rounded to the microsecond
      expect(times[i]! - times[0]!).toBeGreaterThanOrEqual(around[i]!.beforeMs - around[0]!.afterMs - 0.001);
      expect(times[i]! - times[0]!).toBeLessThanOrEqual(around[i]!.afterMs - around[0]!.beforeMs + 0.001);
    }
  });

  it("creates the directory of its path", () => {
    const path = join(dir, "runs", "abc", "history.ndjson");
    const history = new History(path);
    history.record({ process: "harness", type: "info", f: "run", value: { runId: "abc", seed: 1, nodes: ["app@n1"], scenario: {} } });
    history.close();
    expect(opsIn(path)).toHaveLength(1);
  });

  it("appends to an existing history instead of truncating it", () => {
    const path = join(dir, "history.ndjson");
    const first = new History(path);
    first.record({ process: "harness", type: "info", f: "run", value: { runId: "abc", seed: 1, nodes: ["app@n1"], scenario: {} } });
    first.close();
    const second = new History(path);
    second.record({ process: "harness", type: "info", f: "verdict", value: { verdict: "pass", summary: "all good" } });
    second.close();
    expect(opsIn(path).map((op) => op.f)).toEqual(["run", "verdict"]);
  });

  it("writes nothing without a path, and record and close do not throw", async () => {
    const history = new History();
    expect(() => history.record({ process: "nemesis", type: "invoke", f: "fault", value: KILL })).not.toThrow();
    expect(() => history.close()).not.toThrow();
    expect(history.path).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });
});
