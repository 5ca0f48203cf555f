import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/checks/verdict.js";
import { pollUntil } from "../../src/poll.js";

/** A judge over a scripted series of looks: each look is the verdict of the one check. */
function scripted(verdicts: ("pass" | "fail")[]) {
  let look = 0;
  const times: number[] = [];
  return {
    times,
    observe: async () => {
      times.push(performance.now());
      return verdicts[Math.min(look++, verdicts.length - 1)]!;
    },
    judge: (verdict: "pass" | "fail"): { mesh: CheckResult } => ({ mesh: { name: "mesh", verdict, detail: verdict } }),
  };
}

describe("pollUntil", () => {
  it("without a stable window, passes on the first passing look", async () => {
    const s = scripted(["fail", "pass"]);
    const result = await pollUntil(s.observe, s.judge, { deadlineMs: 1_000, intervalMs: 5 });
    expect(result.passed).toBe(true);
    expect(s.times).toHaveLength(2);
  });

  it("with a stable window, passes only after looks in a row held that long, and dates the heal to the stretch's first look", async () => {
    const s = scripted(["fail", "pass", "pass", "pass", "pass", "pass", "pass", "pass"]);
    const result = await pollUntil(s.observe, s.judge, { deadlineMs: 1_000, intervalMs: 10, stableForMs: 25 });
    expect(result.passed).toBe(true);
    expect(s.times.length).toBeGreaterThanOrEqual(4);
    expect(s.times.at(-1)! - s.times[1]!).toBeGreaterThanOrEqual(25);
    expect(result.atMs).toBeGreaterThanOrEqual(s.times[1]!);
    expect(result.atMs).toBeLessThan(s.times[2]!);
  });

  it("needs two looks even when one look outlasts the window: one sweep that happened to pass proves nothing", async () => {
    const s = scripted(["pass", "pass"]);
    // looks 5 ms apart: a 1 ms timer may fire a little under 1 ms later by performance.now()
    const result = await pollUntil(s.observe, s.judge, { deadlineMs: 1_000, intervalMs: 5, stableForMs: 1 });
    expect(result.passed).toBe(true);
    expect(s.times).toHaveLength(2);
  });

  it("starts the stretch again when a look fails inside it: a flapping cluster never counts as healed", async () => {
    const s = scripted(["pass", "fail", "pass", "fail", "pass", "fail", "pass", "fail"]);
    const result = await pollUntil(s.observe, s.judge, { deadlineMs: 60, intervalMs: 5, stableForMs: 1 });
    expect(result.passed).toBe(false);
    expect(result.checks.mesh.verdict).toBe("fail");
  });

  it("lets a stretch begun before the deadline finish after it, and no later than deadline plus window", async () => {
    const s = scripted(["fail", "pass"]);
    const started = performance.now();
    const result = await pollUntil(s.observe, s.judge, { deadlineMs: 15, intervalMs: 10, stableForMs: 40 });
    expect(result.passed).toBe(true);
    expect(performance.now() - started).toBeLessThan(15 + 40 + 200);
  });

  it("gives up at the deadline with the last reasons while failing", async () => {
    const s = scripted(["fail"]);
    const result = await pollUntil(s.observe, s.judge, { deadlineMs: 30, intervalMs: 5, stableForMs: 10 });
    expect(result).toMatchObject({ passed: false, checks: { mesh: { verdict: "fail" } } });
  });
});

describe("pollUntil's per-check times", () => {
  it("dates each passing check to the start of its own unbroken run of passing looks", async () => {
    const looks: ("pass" | "fail")[][] = [
      ["fail", "fail"],
      ["pass", "fail"],
      ["pass", "pass"],
      ["pass", "pass"],
    ];
    let look = 0;
    const times: number[] = [];
    const observe = async () => {
      times.push(performance.now());
      return looks[Math.min(look++, looks.length - 1)]!;
    };
    const judge = ([a, b]: ("pass" | "fail")[]) => ({ a: { name: "a", verdict: a!, detail: "" }, b: { name: "b", verdict: b!, detail: "" } });
    const result = await pollUntil(observe, judge, { deadlineMs: 1_000, intervalMs: 5, stableForMs: 1 });
    expect(result.passed).toBe(true);
    expect(result.passingSinceMs.a).toBeGreaterThanOrEqual(times[1]!);
    expect(result.passingSinceMs.a).toBeLessThan(times[2]!);
    expect(result.passingSinceMs.b).toBe(result.atMs);
  });
});
