import { describe, expect, it } from "vitest";
import { cellKey, cellsOf, gridSchema } from "../../bench/global/grid.js";

describe("bench:global's grid", () => {
  it("is every release, tick, shape and cluster by default, 3 runs of 4 partitions each", () => {
    const grid = gridSchema.parse({});
    expect(cellsOf(grid)).toHaveLength(3 * 2 * 4 * 2);
    expect([grid.runs, grid.partitions]).toEqual([3, 4]);
    expect(cellKey(cellsOf(grid)[0]!)).toBe("otp25.tick2.bridge.agent");
  });

  it("takes comma lists from flags, so that a subset can run", () => {
    const grid = gridSchema.parse({ otp: "27", tick: "5", shape: "ring,isolate-oneway", runs: "1" });
    expect(cellsOf(grid).map(cellKey)).toEqual(["otp27.tick5.ring.agent", "otp27.tick5.ring.bare", "otp27.tick5.isolate-oneway.agent", "otp27.tick5.isolate-oneway.bare"]);
    expect(grid.runs).toBe(1);
  });

  it("runs bare nodes that hold a global name only when asked", () => {
    expect(cellsOf(gridSchema.parse({ otp: "27", tick: "2", shape: "ring", cluster: "bare-named" })).map(cellKey)).toEqual(["otp27.tick2.ring.bare-named"]);
  });

  it("refuses a release, shape or cluster it does not know", () => {
    for (const bad of [{ otp: "26" }, { shape: "star" }, { cluster: "libcluster" }, { runs: "0" }]) expect(gridSchema.safeParse(bad).success).toBe(false);
  });
});
