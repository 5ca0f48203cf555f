import { describe, expect, it } from "vitest";
import type { FaultPlan } from "../../src/faults/index.js";
import type { Candidate, TryOutcome } from "../../src/shrink/candidate.js";
import { failureRate, otherFailures, shrinkSchedule, type ShrinkOptions } from "../../src/shrink/shrink-schedule.js";

/* The search against a fake "run": a rule says whether a candidate fails, each try costs a minute of a fake clock. */

function kill(index: number, node: string, extra: Partial<FaultPlan> = {}): FaultPlan {
  return { index, kind: "kill", targets: [node], durationMs: 1_000, waitBeforeMs: 0, ...extra } as FaultPlan;
}

const FAIL: TryOutcome = { verdict: "fail", violated: { name: "mesh", detail: "app@n2 missing" } };
const PASS: TryOutcome = { verdict: "pass" };
const MINUTE = 60_000;

function search(original: Candidate, fails: (c: Candidate, attempt: number) => boolean, overrides: Partial<ShrinkOptions> = {}) {
  let clock = 0;
  const tried: Candidate[] = [];
  const result = shrinkSchedule({
    original,
    tries: 3,
    budgetMs: 10_000 * MINUTE,
    now: () => clock,
    limits: { floorMs: () => 1_000, keepNodes: [], canDropNodes: true },
    sameFailure: (o) => o.verdict === "fail" && o.violated?.name === "mesh",
    tryCandidate: async (candidate, progress) => {
      clock += MINUTE;
      tried.push(candidate);
      return fails(candidate, progress.attempt) ? FAIL : PASS;
    },
    ...overrides,
  });
  return { result, tried };
}

const has = (c: Candidate, ...indices: number[]) => indices.every((i) => c.schedule.some((plan) => plan.index === i));
const EIGHT = { nodes: 3, schedule: Array.from({ length: 8 }, (_, i) => kill(i + 1, `app@n${(i % 3) + 1}`)) };

describe("shrinkSchedule", () => {
  it("shrinks a failure that needs exactly faults #3 and #7 to those two, and measures the minimal's failure rate", async () => {
    const { result } = search(EIGHT, (c) => has(c, 3, 7));
    const { reproduced, stoppedBy, minimal, minimalTries } = await result;
    expect({ reproduced, stoppedBy }).toEqual({ reproduced: true, stoppedBy: "minimal" });
    expect(minimal.schedule.map((plan) => plan.index)).toEqual([3, 7]);
    // #3 kills app@n3: a smaller cluster would lose it
    expect(minimal.nodes).toBe(3);
    expect(failureRate(minimalTries, (o) => o.verdict === "fail")).toEqual({ failed: 3, tries: 3 });
  });

  it("never tries the same candidate twice", async () => {
    const { result, tried } = search(EIGHT, (c) => has(c, 3, 7), { tries: 1 });
    await result;
    const keys = tried.map((c) => JSON.stringify([c.nodes, c.schedule]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("does not try a reduction of a candidate that passed: fewer of its faults, fewer nodes, shorter faults", async () => {
    const { result, tried } = search(EIGHT, (c) => has(c, 3, 7), { tries: 1 });
    await result;
    const passing = tried.filter((c) => !has(c, 3, 7));
    for (const [i, c] of passing.entries()) {
      const reduces = passing.slice(0, i).find((earlier) => c.nodes <= earlier.nodes && c.schedule.every((p) => earlier.schedule.some((q) => q.index === p.index && p.durationMs <= q.durationMs)));
      expect(reduces, JSON.stringify(c.schedule.map((p) => p.index))).toBeUndefined();
    }
  });

  it("keeps a flaky candidate that fails one try in three, and says how often the minimal failed", async () => {
    // fails only on a candidate's third try: the first two alone would lose it
    const { result } = search(EIGHT, (c, attempt) => has(c, 3, 7) && attempt === 3);
    const { minimal, minimalTries, candidates } = await result;
    expect(minimal.schedule.map((plan) => plan.index)).toEqual([3, 7]);
    expect(candidates.find((c) => c.failed && c.step === "drop faults")?.tries.map((t) => t.verdict)).toEqual(["pass", "pass", "fail"]);
    expect(failureRate(minimalTries, (o) => o.verdict === "fail")).toEqual({ failed: 1, tries: 3 });
  });

  it("reports a failure that never shows in the tries as not reproduced, after trying only the original", async () => {
    const { result, tried } = search(EIGHT, () => false);
    expect(await result).toMatchObject({ reproduced: false, stoppedBy: "not reproduced", minimal: EIGHT });
    expect(tried).toHaveLength(3);
  });

  it("does not count a different failure as the one being shrunk", async () => {
    const other: TryOutcome = { verdict: "fail", violated: { name: "cluster formed", detail: "n3 never started" } };
    let clock = 0;
    const result = await shrinkSchedule({
      original: EIGHT,
      tries: 1,
      budgetMs: Infinity,
      now: () => clock++,
      limits: { floorMs: () => 1_000, keepNodes: [], canDropNodes: true },
      sameFailure: (o) => o.violated?.name === "mesh",
      // every smaller candidate fails, but otherwise
      tryCandidate: async (c) => (c.schedule.length === 8 && c.nodes === 3 ? FAIL : other),
    });
    expect(result.minimal).toEqual(EIGHT);
    expect(result.stoppedBy).toBe("minimal");
    // each try says whether it failed the original's check; every other candidate failed another
    expect(result.candidates[0]!.tries).toEqual([{ ...FAIL, matchesOriginal: true }]);
    expect(result.candidates.slice(1).flatMap((c) => c.tries)).toEqual(result.candidates.slice(1).map(() => ({ ...other, matchesOriginal: false })));
    expect(otherFailures(result.candidates)).toEqual({ candidates: result.candidates.length - 1, tries: result.candidates.length - 1, checks: ["cluster formed"] });
  });

  it("counts no other failure where the candidates passed or failed the original's check", async () => {
    const { result } = search(EIGHT, (c) => has(c, 3, 7), { tries: 1 });
    const { candidates } = await result;
    expect(candidates.flatMap((c) => c.tries.map((t) => t.matchesOriginal))).toEqual(candidates.map((c) => c.failed));
    expect(otherFailures(candidates)).toEqual({ candidates: 0, tries: 0, checks: [] });
  });

  it("stops at the budget and says so, with the smallest failing schedule found by then", async () => {
    // the original, the two halves that pass, then dropping #1 and #2 fails: 4 tries (quarters of a passing half are not tried)
    const { result } = search(EIGHT, (c) => has(c, 3, 7), { tries: 1, budgetMs: 4 * MINUTE });
    const { stoppedBy, minimal, candidates } = await result;
    expect(stoppedBy).toBe("budget");
    expect(minimal.schedule.map((plan) => plan.index)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(candidates.flatMap((c) => c.tries)).toHaveLength(4);
  });

  it("begins no try that the time left cannot hold, so a search ends within its budget", async () => {
    // tries of a minute each: with 3.5 minutes, a fourth would begin with half a minute left and end past the budget
    const { result } = search(EIGHT, (c) => has(c, 3, 7), { tries: 1, budgetMs: 3.5 * MINUTE });
    const { stoppedBy, candidates } = await result;
    expect(stoppedBy).toBe("budget");
    expect(candidates.flatMap((c) => c.tries)).toHaveLength(3);
  });

  it("reduces the node count but keeps the failing and targeted nodes", async () => {
    // five nodes, the failure is app@n4's (named by the violated check); only app@n2 is killed
    const original = { nodes: 5, schedule: [kill(1, "app@n2"), kill(2, "app@n2")] };
    const { result } = search(original, (c) => c.schedule.length === 2, { limits: { floorMs: () => 1_000, keepNodes: ["app@n4"], canDropNodes: true } });
    expect((await result).minimal.nodes).toBe(4);
  });

  it("drops waits and shortens durations down to their floor when the failure does not need them", async () => {
    const original = { nodes: 3, schedule: [kill(1, "app@n2", { waitBeforeMs: 2_000, durationMs: 8_000 }), kill(2, "app@n2", { waitBeforeMs: 500, durationMs: 8_000 })] };
    const { result } = search(original, (c) => c.schedule.length === 2, { limits: { floorMs: () => 1_000, keepNodes: [], canDropNodes: false } });
    const { minimal } = await result;
    expect(minimal.nodes).toBe(3);
    expect(minimal.schedule.map((p) => [p.waitBeforeMs, p.durationMs])).toEqual([[0, 1_000], [0, 1_000]]);
  });

  it("keeps a wait the failure needs", async () => {
    const original = { nodes: 3, schedule: [kill(1, "app@n2", { waitBeforeMs: 2_000 }), kill(2, "app@n2", { waitBeforeMs: 3_000 })] };
    const { result } = search(original, (c) => c.schedule.length === 2 && c.schedule[1]!.waitBeforeMs > 0, { limits: { floorMs: () => 1_000, keepNodes: [], canDropNodes: false } });
    expect((await result).minimal.schedule.map((p) => p.waitBeforeMs)).toEqual([0, 3_000]);
  });
});
