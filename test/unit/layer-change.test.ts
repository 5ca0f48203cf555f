import { describe, expect, it } from "vitest";
import { changedLayers, layerStatesByNode } from "../../src/checks/layer-change.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";

const pid = (node: string, id = "0.90.0") => ({ node, id, creation: 1 });

function look(node: string, fields: Partial<NodeObservation> = {}): NodeObservation {
  return {
    node,
    status: "ok",
    atMs: 0,
    mesh: ["app@n2"],
    pg: [{ scope: "meshproof", groups: [{ group: "pool", members: [pid(node)], local: [pid(node)] }] }],
    global: { names: [{ name: "job", pid: pid("app@n1"), alive: null }], sync: "skipped", state: null },
    mnesia: null,
    ...fields,
  };
}

describe("changedLayers", () => {
  const before = layerStatesByNode([look("app@n1")]);

  it("finds nothing when every layer reads the same", () => {
    expect(changedLayers(before, [look("app@n1", { atMs: 500 })])).toEqual(new Set());
  });

  it("names each layer whose state on a node differs, and only those", () => {
    const now = look("app@n1", { mesh: [], global: { names: [], sync: "skipped", state: null } });
    expect(changedLayers(before, [now])).toEqual(new Set(["mesh", "global"]));
    const pgMoved = look("app@n1", { pg: [{ scope: "meshproof", groups: [{ group: "pool", members: [pid("app@n1", "0.91.0")], local: [] }] }] });
    expect(changedLayers(before, [pgMoved])).toEqual(new Set(["pg"]));
  });

  it("ignores nodes the first look did not see, layers it did not read, and nodes that did not answer", () => {
    expect(changedLayers(before, [look("app@n9", { mesh: [] })])).toEqual(new Set());
    const withoutLayers = layerStatesByNode([look("app@n1", { global: undefined, pg: undefined })]);
    expect(changedLayers(withoutLayers, [look("app@n1", { global: { names: [], sync: "skipped", state: null } })])).toEqual(new Set());
    expect(changedLayers(before, [{ node: "app@n1", status: "unreachable", reason: "gone", atMs: 1 }])).toEqual(new Set());
  });
});
