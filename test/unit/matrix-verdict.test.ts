import { describe, expect, it } from "vitest";
import { exitCodeFor } from "../../src/cli/exit-codes.js";
import { matrixVerdict } from "../../src/matrix/matrix-verdict.js";

const pass = { verdict: "pass", required: false } as const;
const failed = { verdict: "fail", required: false } as const;
const requiredFailed = { verdict: "fail", required: true } as const;
const unknown = { verdict: "unknown", required: false } as const;

describe("matrixVerdict", () => {
  it("passes when every cell passed, or failed without being required", () => {
    expect(matrixVerdict([pass, pass])).toBe("pass");
    expect(matrixVerdict([pass, failed])).toBe("pass");
  });

  it("is unknown, exit 2, when any cell could not be judged, required or not", () => {
    expect(matrixVerdict([pass, unknown])).toBe("unknown");
    expect(matrixVerdict([pass, { ...unknown, required: true }])).toBe("unknown");
    expect(exitCodeFor(matrixVerdict([pass, failed, unknown]))).toBe(2);
  });

  it("fails, exit 1, when a required cell failed, even next to an unknown one", () => {
    expect(matrixVerdict([pass, requiredFailed])).toBe("fail");
    expect(exitCodeFor(matrixVerdict([requiredFailed, unknown]))).toBe(1);
  });
});
