import { describe, it, expect } from "vitest";
import { fromProblems, runCheck, worstVerdict, type CheckResult } from "../../src/checks/verdict.js";

describe("worstVerdict", () => {
  it("is pass for nothing to judge", () => {
    expect(worstVerdict([])).toBe("pass");
  });

  it("is pass when all pass", () => {
    expect(worstVerdict(["pass", "pass"])).toBe("pass");
  });

  it("ranks unknown above pass", () => {
    expect(worstVerdict(["pass", "unknown", "pass"])).toBe("unknown");
  });

  it("ranks fail above unknown, wherever it appears", () => {
    expect(worstVerdict(["fail", "unknown"])).toBe("fail");
    expect(worstVerdict(["unknown", "pass", "fail"])).toBe("fail");
  });
});

describe("fromProblems", () => {
  it("passes with the pass detail when there are no problems", () => {
    expect(fromProblems("mesh", [], "all good")).toEqual({ name: "mesh", verdict: "pass", detail: "all good" });
  });

  it("fails listing every problem when there are at most five", () => {
    const problems = ["p1", "p2", "p3", "p4", "p5"];
    expect(fromProblems("mesh", problems, "all good")).toEqual({ name: "mesh", verdict: "fail", detail: "p1; p2; p3; p4; p5" });
  });

  it("shows the first five problems and counts the rest", () => {
    const problems = ["p1", "p2", "p3", "p4", "p5", "p6", "p7"];
    const result = fromProblems("mesh", problems, "all good");
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("p1; p2; p3; p4; p5; and 2 more");
    expect(result.detail).not.toContain("p6");
  });
});

describe("runCheck", () => {
  it("returns the checker's own result when it does not throw", () => {
    const result: CheckResult = { name: "mesh", verdict: "fail", detail: "a@h does not see b@h" };
    expect(runCheck("mesh", () => result)).toEqual(result);
  });

  it("turns a thrown Error into unknown with its message", () => {
    const result = runCheck("pg converged", () => {
      throw new Error("views.get(...) is undefined");
    });
    expect(result).toEqual({ name: "pg converged", verdict: "unknown", detail: "checker failed: views.get(...) is undefined" });
  });

  it("turns a thrown non-Error into unknown with its text", () => {
    const result = runCheck("mesh", () => {
      throw "boom";
    });
    expect(result.verdict).toBe("unknown");
    expect(result.detail).toContain("boom");
  });
});
