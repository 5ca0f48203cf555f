import { describe, it, expect } from "vitest";
import { planKills } from "../../src/schedule/kill-schedule.js";

const NODES = ["n1@h", "n2@h", "n3@h", "n4@h", "n5@h"];

describe("planKills", () => {
  it("gives the identical schedule for the same seed", () => {
    expect(planKills(1234, NODES, 50)).toEqual(planKills(1234, NODES, 50));
  });

  it("gives different schedules for different seeds", () => {
    const targets = (seed: number) => planKills(seed, NODES, 50).map((k) => k.target);
    expect(targets(1)).not.toEqual(targets(2));
    expect(targets(0)).not.toEqual(targets(2 ** 32 - 1));
  });

  it("numbers kills 1..count, all of fault kill", () => {
    const schedule = planKills(7, NODES, 12);
    expect(schedule.map((k) => k.index)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(new Set(schedule.map((k) => k.fault))).toEqual(new Set(["kill"]));
  });

  it("only targets the given nodes", () => {
    for (const kill of planKills(99, NODES, 200)) expect(NODES).toContain(kill.target);
  });

  it("hits every node at least once over 1000 kills", () => {
    const hit = new Set(planKills(42, NODES, 1000).map((k) => k.target));
    expect([...hit].sort()).toEqual([...NODES].sort());
  });

  it("plans nothing for a count of 0", () => {
    expect(planKills(1, NODES, 0)).toEqual([]);
  });
});
