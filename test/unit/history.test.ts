import { readFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, it, expect } from "vitest";
import { History, type Op } from "../../src/run/history.js";

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
    .map((line) => JSON.parse(line) as Op);
}

describe("History", () => {
  it("writes each record as one JSON line at once, before it is closed", () => {
    const path = join(dir, "history.ndjson");
    const history = new History(path);
    try {
      history.record("nemesis", "invoke", "kill", { targets: ["app@n2"] });
      expect(opsIn(path)).toHaveLength(1);
      history.record("nemesis", "ok", "kill");
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
    history.record("app@n3", "ok", "observe", { peers: ["app@n1"], pg: { pool: 4 }, creation: 17 });
    history.record("checker", "info", "fault applied", { iteration: 2, verdict: "fail", detail: 'a < b & "c"' });
    history.close();
    const [observe, checked] = opsIn(path);
    expect(observe).toMatchObject({ process: "app@n3", type: "ok", f: "observe", value: { peers: ["app@n1"], pg: { pool: 4 }, creation: 17 } });
    expect(checked).toMatchObject({ process: "checker", type: "info", f: "fault applied", value: { iteration: 2, verdict: "fail", detail: 'a < b & "c"' } });
    expect(new Date(observe!.wall).toISOString()).toBe(observe!.wall);
  });

  it("leaves out the value of an op recorded without one", () => {
    const path = join(dir, "history.ndjson");
    const history = new History(path);
    history.record("nemesis", "ok", "final heal");
    history.close();
    expect(opsIn(path)[0]).not.toHaveProperty("value");
  });

  it("gives ops increasing times since the history was opened", async () => {
    const path = join(dir, "history.ndjson");
    const history = new History(path);
    for (let i = 0; i < 5; i++) {
      history.record("probe", "invoke", "observe", { i });
      await sleep(2);
    }
    history.close();
    const times = opsIn(path).map((op) => op.timeMs);
    expect(times).toHaveLength(5);
    expect(times[0]).toBeGreaterThanOrEqual(0);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(7);
  });

  it("creates the directory of its path", () => {
    const path = join(dir, "runs", "abc", "history.ndjson");
    const history = new History(path);
    history.record("harness", "info", "run", { seed: 1 });
    history.close();
    expect(opsIn(path)).toHaveLength(1);
  });

  it("appends to an existing history instead of truncating it", () => {
    const path = join(dir, "history.ndjson");
    const first = new History(path);
    first.record("harness", "info", "run");
    first.close();
    const second = new History(path);
    second.record("harness", "info", "verdict");
    second.close();
    expect(opsIn(path).map((op) => op.f)).toEqual(["run", "verdict"]);
  });

  it("writes nothing without a path, and record and close do not throw", async () => {
    const history = new History();
    expect(() => history.record("nemesis", "invoke", "kill", { targets: ["app@n1"] })).not.toThrow();
    expect(() => history.close()).not.toThrow();
    expect(history.path).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });
});
