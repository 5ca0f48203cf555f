import { describe, expect, it } from "vitest";
import type { FaultPlan } from "../../src/faults/index.js";
import { chunksOf, shrinkSteps, type StepLimits } from "../../src/shrink/shrink-steps.js";

function fault(index: number, targets: string[], extra: Partial<FaultPlan> = {}): FaultPlan {
  return { index, kind: "kill", targets, durationMs: 1_000, waitBeforeMs: 0, ...extra } as FaultPlan;
}
const LIMITS: StepLimits = { floorMs: () => 1_000, keepNodes: [], canDropNodes: true };

describe("shrinkSteps", () => {
  it("cuts a list into nearly equal consecutive chunks", () => {
    expect(chunksOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2, 3], [4, 5]]);
    expect(chunksOf([1, 2, 3], 4)).toEqual([[1], [2], [3]]);
  });

  it("drops chunks of faults from halves down to single faults, whatever the length", () => {
    const schedule = [1, 2, 3, 4, 5, 6].map((i) => fault(i, ["app@n1"]));
    const dropped = [...shrinkSteps({ nodes: 5, schedule }, { ...LIMITS, canDropNodes: false })].map((s) => s.candidate.schedule.map((p) => p.index).join(""));
    // each chunk alone, then each chunk dropped: halves, quarters, then single faults
    expect(dropped).toEqual([
      ...["123", "456", "456", "123"],
      ...["12", "3", "45", "6", "3456", "12456", "1236", "12345"],
      ...["1", "2", "3", "4", "5", "6", "23456", "13456", "12456", "12356", "12346", "12345"],
    ]);
  });

  it("offers fewer nodes down to the highest targeted or named node, always leaving a survivor", () => {
    const nodes = (schedule: FaultPlan[], keepNodes: string[] = []) =>
      [...shrinkSteps({ nodes: 6, schedule }, { ...LIMITS, keepNodes })].filter((s) => s.step === "fewer nodes").map((s) => s.candidate.nodes);
    expect(nodes([fault(1, ["app@n2"])])).toEqual([2, 3, 4, 5]);
    expect(nodes([fault(1, ["app@n2"])], ["app@n4"])).toEqual([4, 5]);
    expect(nodes([fault(1, ["app@n1", "app@n2", "app@n3"])])).toEqual([4, 5]);
  });

  it("keeps the nodes of a schedule with a partition (its view names them all) or of nodes not named app@nK", () => {
    const fewer = (schedule: FaultPlan[]) => [...shrinkSteps({ nodes: 5, schedule }, LIMITS)].filter((s) => s.step === "fewer nodes");
    expect(fewer([fault(1, ["app@n1"], { kind: "partition", view: { "app@n1": [] } })])).toEqual([]);
    expect(fewer([fault(1, ["shop@web-1"])])).toEqual([]);
  });

  it("never shortens a fault below its floor", () => {
    const steps = [...shrinkSteps({ nodes: 3, schedule: [fault(1, ["app@n1"], { durationMs: 3_000 })] }, { ...LIMITS, floorMs: () => 2_000 })];
    expect(steps.filter((s) => s.step === "shorten durations").map((s) => s.candidate.schedule[0]!.durationMs)).toEqual([2_000, 2_000]);
  });
});
