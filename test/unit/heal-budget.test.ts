import { describe, it, expect } from "vitest";
import { budgetsByKind, checkHealBudget } from "../../src/checks/heal-budget.js";
import { summarize } from "../../src/stats.js";

describe("checkHealBudget", () => {
  it("passes when the p95 of a kind's heal times is within the budget", () => {
    const result = checkHealBudget(summarize([1_000, 2_000, 3_000]), 5_000, "kill");
    expect(result).toEqual({ name: "heal p95 budget: kill", verdict: "pass", detail: "p95 3000 ms <= budget 5000 ms (n=3)" });
  });

  it("passes when the p95 equals the budget", () => {
    expect(checkHealBudget(summarize([5_000]), 5_000, "kill").verdict).toBe("pass");
  });

  it("fails when the p95 exceeds the budget, naming both and the kind", () => {
    const result = checkHealBudget(summarize([1_000, 2_000, 6_500]), 5_000, "pause");
    expect(result).toEqual({ name: "heal p95 budget: pause", verdict: "fail", detail: "p95 6500 ms exceeds budget 5000 ms (n=3)" });
  });

  it("judges the p95, not the max: one slow heal in twenty is within budget", () => {
    const heals = [...Array<number>(19).fill(1_000), 60_000];
    expect(checkHealBudget(summarize(heals), 2_000, "kill").verdict).toBe("pass");
    expect(checkHealBudget(summarize([...heals, 60_000]), 2_000, "kill").verdict).toBe("fail");
  });

  it("is unknown when no heal of the kind was measured", () => {
    const result = checkHealBudget(summarize([]), 5_000, "crash");
    expect(result).toEqual({ name: "heal p95 budget: crash", verdict: "unknown", detail: "no heal of a crash was measured" });
  });
});

describe("budgetsByKind", () => {
  it("applies one budget to every kind that ran, each on its own: fast kills cannot dilute slow partitions", () => {
    expect(budgetsByKind(5_000, ["kill", "partition"])).toEqual([
      ["kill", 5_000],
      ["partition", 5_000],
    ]);
    const kills = summarize(Array<number>(19).fill(100))!;
    const partitions = summarize([9_000])!;
    const all = summarize([...Array<number>(19).fill(100), 9_000])!;
    expect(all.p95).toBeLessThanOrEqual(5_000); // judged together, the slow kind would pass
    expect(checkHealBudget(kills, 5_000, "kill").verdict).toBe("pass");
    expect(checkHealBudget(partitions, 5_000, "partition").verdict).toBe("fail");
  });

  it("takes a budget per kind from a map, including a kind that never ran", () => {
    expect(budgetsByKind({ kill: 2_000, pause: 20_000 }, ["kill"])).toEqual([
      ["kill", 2_000],
      ["pause", 20_000],
    ]);
  });
});
