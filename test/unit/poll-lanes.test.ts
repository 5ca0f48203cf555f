import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/checks/verdict.js";
import { pollLanes, type Lane } from "../../src/poll-lanes.js";

/**
 * A lane of one check whose looks each take `lookMs` and pass from `passFromMs`
 * after the poll began (failing again from `failFromMs`); it records when each look arrived.
 */
function lane(key: string, { lookMs, passFromMs, failFromMs = Infinity }: { lookMs: number; passFromMs: number; failFromMs?: number }) {
  const startMs = performance.now();
  const arrivals: number[] = [];
  const lane: Lane<number> = {
    observe: async () => {
      await sleep(lookMs);
      const atMs = performance.now();
      arrivals.push(atMs);
      return atMs - startMs;
    },
    judge: (sinceStartMs): Record<string, CheckResult> => {
      const verdict = sinceStartMs >= passFromMs && sinceStartMs < failFromMs ? "pass" : "fail";
      return { [key]: { name: key, verdict, detail: verdict } };
    },
  };
  return { lane, arrivals };
}

describe("pollLanes", () => {
  it("times each check by its own lane: a slow lane neither delays the cheap lane's looks nor coarsens its resolution", async () => {
    const cheap = lane("mesh", { lookMs: 2, passFromMs: 100 });
    const slow = lane("global", { lookMs: 300, passFromMs: 400 });
    const result = await pollLanes([cheap.lane, slow.lane], { deadlineMs: 5_000, stableForMs: 50 });
    expect(result.passed).toBe(true);
    const mesh = result.passingSince.mesh!;
    const global = result.passingSince.global!;
    // the cheap lane looked every ~20 ms while the slow one took 300 ms a look
    expect(cheap.arrivals.length).toBeGreaterThan(4 * slow.arrivals.length);
    expect(mesh.sinceMs - mesh.notBeforeMs).toBeLessThan(100);
    expect(global.sinceMs - global.notBeforeMs).toBeGreaterThanOrEqual(290);
    expect(global.sinceMs).toBeGreaterThan(mesh.sinceMs + 200);
    // the whole passes when the last lane to hold began holding
    expect(result.atMs).toBe(global.sinceMs);
    expect(Object.keys(result.checks)).toEqual(["mesh", "global"]);
  });

  it("dates a check to the end of its look's own wait: a look that waited for the state to settle brackets it from there", async () => {
    const settling = lane("global", { lookMs: 300, passFromMs: 400 });
    const result = await pollLanes([{ ...settling.lane, waitedMs: () => 280 }], { deadlineMs: 5_000, stableForMs: 50 });
    const global = result.passingSince.global!;
    expect(global.sinceMs - global.notBeforeMs).toBeLessThan(30);
    expect(global.sinceMs - global.notBeforeMs).toBeGreaterThanOrEqual(0);
  });

  it("brackets a first look from fromMs, the earliest the state can have changed", async () => {
    const fromMs = performance.now() - 1_000;
    const result = await pollLanes([lane("mesh", { lookMs: 2, passFromMs: 0 }).lane], { deadlineMs: 1_000, stableForMs: 20, fromMs });
    expect(result.passingSince.mesh).toMatchObject({ notBeforeMs: fromMs, firstLook: true });
  });

  it("passes only once every lane held at the same time: a lane that broke after holding starts again", async () => {
    const flapping = lane("mesh", { lookMs: 2, passFromMs: 0, failFromMs: 150 });
    const late = lane("global", { lookMs: 2, passFromMs: 200 });
    const result = await pollLanes([flapping.lane, late.lane], { deadlineMs: 400, stableForMs: 30 });
    expect(result.passed).toBe(false);
    expect(result.checks.mesh!.verdict).toBe("fail");
    expect(result.passingSince.mesh).toBeUndefined();
    expect(result.passingSince.global?.firstLook).toBe(false);
  });

  it("fails once a lane's look fails past the deadline, with every lane's last checks", async () => {
    const never = lane("pg", { lookMs: 2, passFromMs: Infinity });
    const fine = lane("mesh", { lookMs: 2, passFromMs: 0 });
    const started = performance.now();
    const result = await pollLanes([fine.lane, never.lane], { deadlineMs: 150, stableForMs: 20 });
    expect(result.passed).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect([result.checks.mesh!.verdict, result.checks.pg!.verdict]).toEqual(["pass", "fail"]);
    expect(result.passingSince.mesh?.firstLook).toBe(true);
  });

  it("ends with the abort when aborted, in whichever lane notices it", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const slow = lane("global", { lookMs: 100, passFromMs: Infinity });
    const cheap = lane("mesh", { lookMs: 2, passFromMs: Infinity });
    await expect(pollLanes([cheap.lane, slow.lane], { deadlineMs: 5_000, signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});
