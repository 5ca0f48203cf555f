import { describe, it, expect } from "vitest";
import { checkNoCascade } from "../../src/checks/no-cascade.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";
import type { NodeInfo } from "../../src/probe/protocol.js";

// c@h was killed; a@h and b@h survive.
const SURVIVORS = ["a@h", "b@h"];

function info(creation: number, osPid: string): NodeInfo {
  return { otpRelease: "25", otpVersion: "25.3.2", creation, osPid };
}

const BEFORE: ReadonlyMap<string, NodeInfo> = new Map([
  ["a@h", info(1, "100")],
  ["b@h", info(2, "200")],
  ["c@h", info(3, "300")],
]);

function after(node: string, nodeInfo: NodeInfo, mesh: string[]): NodeObservation {
  return { node, status: "ok", info: nodeInfo, mesh, atMs: 0 };
}

function healthySurvivors(): NodeObservation[] {
  return [after("a@h", info(1, "100"), ["b@h"]), after("b@h", info(2, "200"), ["a@h"])];
}

describe("checkNoCascade", () => {
  it("passes when survivors kept their incarnation and each other", () => {
    const result = checkNoCascade(healthySurvivors(), BEFORE, SURVIVORS);
    expect(result).toEqual({
      name: "no cascade",
      verdict: "pass",
      detail: "2 survivors kept their incarnation and their connections",
    });
  });

  it("fails when a survivor's creation changed", () => {
    const observations = healthySurvivors();
    observations[0] = after("a@h", info(4, "100"), ["b@h"]);
    const result = checkNoCascade(observations, BEFORE, SURVIVORS);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toContain("a@h restarted (creation 1 -> 4");
  });

  it("fails when only a survivor's OS pid changed", () => {
    const observations = healthySurvivors();
    observations[1] = after("b@h", info(2, "201"), ["a@h"]);
    const result = checkNoCascade(observations, BEFORE, SURVIVORS);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toContain("b@h restarted");
    expect(result.detail).toContain("os pid 200 -> 201");
  });

  it("fails when a survivor lost another survivor", () => {
    const observations = healthySurvivors();
    observations[0] = after("a@h", info(1, "100"), []);
    const result = checkNoCascade(observations, BEFORE, SURVIVORS);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("a@h lost survivor b@h");
  });

  it("fails when a survivor did not answer", () => {
    const observations: NodeObservation[] = [
      healthySurvivors()[0]!,
      { node: "b@h", status: "timeout", reason: "no answer within 10000 ms", atMs: 0 },
    ];
    const result = checkNoCascade(observations, BEFORE, SURVIVORS);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toContain("b@h did not answer (timeout: no answer within 10000 ms)");
  });
});
