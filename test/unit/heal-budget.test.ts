import { describe, it, expect } from "vitest";
import { checkHealBudget } from "../../src/checks/heal-budget.js";
import { summarize } from "../../src/stats.js";

describe("checkHealBudget", () => {
  it("passes when the p95 of the heal times is within the budget", () => {
    const result = checkHealBudget(summarize([1_000, 2_000, 3_000]), 5_000);
    expect(result).toEqual({ name: "heal p95 budget", verdict: "pass", detail: "p95 3000 ms <= budget 5000 ms (n=3)" });
  });

  it("passes when the p95 equals the budget", () => {
    expect(checkHealBudget(summarize([5_000]), 5_000).verdict).toBe("pass");
  });

  it("fails when the p95 exceeds the budget, naming both", () => {
    const result = checkHealBudget(summarize([1_000, 2_000, 6_500]), 5_000);
    expect(result).toEqual({ name: "heal p95 budget", verdict: "fail", detail: "p95 6500 ms exceeds budget 5000 ms (n=3)" });
  });

  it("judges the p95, not the max: one slow heal in twenty is within budget", () => {
    const heals = [...Array<number>(19).fill(1_000), 60_000];
    expect(checkHealBudget(summarize(heals), 2_000).verdict).toBe("pass");
    expect(checkHealBudget(summarize([...heals, 60_000]), 2_000).verdict).toBe("fail");
  });

  it("is unknown when no heal was measured", () => {
    const result = checkHealBudget(summarize([]), 5_000);
    expect(result).toEqual({ name: "heal p95 budget", verdict: "unknown", detail: "no heal was measured" });
  });
});
