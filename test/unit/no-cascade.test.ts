import { describe, it, expect } from "vitest";
import { expectationOf } from "../../src/faults/index.js";
import { checkNoCascade } from "../../src/checks/no-cascade.js";
import type { FaultPlan } from "../../src/faults/index.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";
import type { NodeInfo } from "../../src/probe/replies.js";

const NODES = ["a@h", "b@h", "c@h"];

function plan(kind: FaultPlan["kind"], targets: string[]): FaultPlan {
  return { index: 1, kind, targets, durationMs: kind === "crash" ? 0 : 1_000, waitBeforeMs: 0 } as FaultPlan;
}

function info(creation: number, osPid: string): NodeInfo {
  return { otpRelease: "25", otpVersion: "25.3.2", kernelVersion: "8.5.4.4", creation, osPid };
}

const BEFORE: ReadonlyMap<string, NodeInfo> = new Map([
  ["a@h", info(1, "100")],
  ["b@h", info(2, "200")],
  ["c@h", info(3, "300")],
]);

function observed(node: string, nodeInfo: NodeInfo): NodeObservation {
  return { node, status: "ok", info: nodeInfo, mesh: NODES.filter((peer) => peer !== node), atMs: 0 };
}

/** After the fault: every node as before, except the ones given a new incarnation. */
function after(changed: Record<string, NodeInfo> = {}): NodeObservation[] {
  return NODES.map((node) => observed(node, changed[node] ?? BEFORE.get(node)!));
}

/** The engine's own restarts of each node since before the fault. */
function restarts(counts: Record<string, number> = {}): Record<string, number> {
  return Object.fromEntries(NODES.map((node) => [node, counts[node.split("@")[0]!] ?? 0]));
}

describe("checkNoCascade", () => {
  it("passes when only the killed target came back as a new incarnation", () => {
    const result = checkNoCascade(expectationOf(plan("kill", ["c@h"]), NODES, "harness"), after({ "c@h": info(4, "301") }), BEFORE, restarts());
    expect(result).toEqual({ name: "no cascade", verdict: "pass", detail: "only the targets restarted, each as often as expected" });
  });

  it("passes when a crashed target was restarted by the engine exactly once", () => {
    const result = checkNoCascade(
      expectationOf(plan("crash", ["b@h"]), NODES, "harness"),
      after({ "b@h": info(5, "201") }),
      BEFORE,
      restarts({ b: 1 }),
    );
    expect(result.verdict).toBe("pass");
  });

  it("passes after a pause when nobody changed incarnation", () => {
    const result = checkNoCascade(expectationOf(plan("pause", ["a@h"]), NODES, "harness"), after(), BEFORE, restarts());
    expect(result.verdict).toBe("pass");
  });

  it("fails naming a non-target whose creation changed", () => {
    const result = checkNoCascade(expectationOf(plan("kill", ["c@h"]), NODES, "harness"), after({ "c@h": info(4, "301"), "a@h": info(9, "100") }), BEFORE, restarts());
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("a@h restarted though the fault did not target it (creation 1 -> 9, os pid 100 -> 100)");
  });

  it("fails naming a non-target whose OS pid alone changed", () => {
    const result = checkNoCascade(expectationOf(plan("kill", ["c@h"]), NODES, "harness"), after({ "b@h": info(2, "777") }), BEFORE, restarts());
    expect(result.verdict).toBe("fail");
    expect(result.detail).toContain("b@h restarted though the fault did not target it");
    expect(result.detail).toContain("os pid 200 -> 777");
    expect(result.detail).not.toContain("c@h");
  });

  it("fails when a paused node (not meant to restart) came back as a new incarnation", () => {
    const result = checkNoCascade(expectationOf(plan("pause", ["a@h"]), NODES, "harness"), after({ "a@h": info(8, "101") }), BEFORE, restarts());
    expect(result.verdict).toBe("fail");
    expect(result.detail).toContain("a@h restarted though the fault did not target it");
  });

  it.each([
    [0, "the engine did not restart b@h, expected once"],
    [2, "the engine restarted b@h 2 times, expected once"],
  ])("fails when the engine restarted the crashed target %i times instead of once", (count, detail) => {
    const result = checkNoCascade(expectationOf(plan("crash", ["b@h"]), NODES, "harness"), after({ "b@h": info(5, "201") }), BEFORE, restarts({ b: count }));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe(detail);
  });

  it("fails when the engine restarted a node that was not crashed", () => {
    const result = checkNoCascade(expectationOf(plan("kill", ["c@h"]), NODES, "harness"), after({ "c@h": info(4, "301") }), BEFORE, restarts({ a: 1 }));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("the engine restarted a@h once though the fault did not crash it");
  });

  it("fails when the engine restarted a killed target, which only the harness was to start", () => {
    const result = checkNoCascade(expectationOf(plan("kill", ["c@h"]), NODES, "harness"), after({ "c@h": info(4, "301") }), BEFORE, restarts({ c: 2 }));
    expect(result.detail).toBe("the engine restarted c@h 2 times though the fault did not crash it");
  });

  it("does not blame a node that did not answer afterwards (other checks report that)", () => {
    const observations = after().filter((o) => o.node !== "b@h");
    const result = checkNoCascade(expectationOf(plan("pause", ["a@h"]), NODES, "harness"), observations, BEFORE, restarts());
    expect(result.verdict).toBe("pass");
  });

  it("reports every cascading node", () => {
    const result = checkNoCascade(
      expectationOf(plan("kill", ["c@h"]), NODES, "harness"),
      after({ "a@h": info(10, "110"), "b@h": info(20, "210") }),
      BEFORE,
      restarts(),
    );
    expect(result.verdict).toBe("fail");
    expect(result.detail).toContain("a@h restarted");
    expect(result.detail).toContain("b@h restarted");
  });
});
