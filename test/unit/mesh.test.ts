import { describe, it, expect } from "vitest";
import { checkMesh, fullMesh, type MeshPlan } from "../../src/checks/mesh.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";

const NODES = ["a@h", "b@h", "c@h"];

function seeing(node: string, mesh: string[]): NodeObservation {
  return { node, status: "ok", mesh, atMs: 0 };
}

function fullyConnected(): NodeObservation[] {
  return NODES.map((node) => seeing(node, NODES.filter((peer) => peer !== node)));
}

describe("fullMesh", () => {
  it("plans every node to see every other node and not itself", () => {
    expect(fullMesh(NODES)).toEqual(
      new Map([
        ["a@h", ["b@h", "c@h"]],
        ["b@h", ["a@h", "c@h"]],
        ["c@h", ["a@h", "b@h"]],
      ]),
    );
  });
});

describe("checkMesh", () => {
  it("passes on a full mesh, in any order", () => {
    const observations = fullyConnected();
    observations[0]!.mesh!.reverse();
    const result = checkMesh("mesh", observations, fullMesh(NODES));
    expect(result).toEqual({ name: "mesh", verdict: "pass", detail: "3 nodes see exactly their planned peers" });
  });

  it("fails naming the node and the peer it does not see", () => {
    const observations = fullyConnected();
    observations[0] = seeing("a@h", ["b@h"]);
    const result = checkMesh("mesh", observations, fullMesh(NODES));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("a@h does not see c@h");
  });

  it("fails naming the node and the extra peer it still sees", () => {
    const partition: MeshPlan = new Map([
      ["a@h", ["b@h"]],
      ["b@h", ["a@h"]],
      ["c@h", []],
    ]);
    const observations = [seeing("a@h", ["b@h", "c@h"]), seeing("b@h", ["a@h"]), seeing("c@h", [])];
    const result = checkMesh("mesh", observations, partition);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("a@h still sees c@h");
  });

  it("reports missing and extra peers of the same node", () => {
    const observations = fullyConnected();
    observations[1] = seeing("b@h", ["a@h", "zombie@h"]);
    const result = checkMesh("mesh", observations, fullMesh(NODES));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toContain("b@h does not see c@h");
    expect(result.detail).toContain("b@h still sees zombie@h");
  });

  it("fails when a planned node is unreachable", () => {
    const observations = fullyConnected();
    observations[2] = { node: "c@h", status: "unreachable", reason: "container is not running", atMs: 0 };
    const result = checkMesh("mesh", observations, fullMesh(NODES));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("c@h did not answer (unreachable: container is not running)");
  });

  it("fails when a planned node was not probed", () => {
    const observations = fullyConnected().filter((o) => o.node !== "b@h");
    const result = checkMesh("mesh", observations, fullMesh(NODES));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("b@h did not answer (not probed)");
  });

  it("fails when an ok answer carries no mesh", () => {
    const observations = fullyConnected();
    observations[0] = { node: "a@h", status: "ok", atMs: 0 };
    expect(checkMesh("mesh", observations, fullMesh(NODES)).verdict).toBe("fail");
  });
});
