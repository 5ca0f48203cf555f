import { describe, expect, it } from "vitest";
import { checkGlobal } from "../../src/checks/global.js";
import { fullMesh } from "../../src/checks/mesh.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";
import type { ErlPid, GlobalView } from "../../src/probe/protocol.js";

const NODES = ["app@n1", "app@n2", "app@n3"];
const CREATION: Record<string, number> = { "app@n1": 11, "app@n2": 22, "app@n3": 33 };

function pid(node: string, id = "0.80.0", creation = CREATION[node]!): ErlPid {
  return { node, id, creation };
}

/** Every node sees one name per node, held by that node's worker, alive where it is local. */
function agreeing(): NodeObservation[] {
  return NODES.map((node) => ({
    node,
    status: "ok",
    info: { otpRelease: "27", otpVersion: null, kernelVersion: null, creation: CREATION[node]!, osPid: "1" },
    global: { names: NODES.map((owner) => ({ name: `{agent,'${owner}'}`, pid: pid(owner), alive: owner === node ? true : null })), sync: 2 },
    atMs: 0,
  }));
}

function globalOf(observations: NodeObservation[], node: string): GlobalView {
  return observations.find((o) => o.node === node)!.global!;
}

describe("checkGlobal", () => {
  it("passes when every node has the same names with the same live pids", () => {
    expect(checkGlobal("global", agreeing(), fullMesh(NODES))).toEqual({ name: "global", verdict: "pass", detail: "3 nodes agree on 3 global names" });
  });

  it("fails a name with two owners, naming who sees which (a partition's registrations not resolved)", () => {
    const views = agreeing();
    for (const node of ["app@n1", "app@n2"]) globalOf(views, node).names.push({ name: "lock", pid: pid("app@n1", "0.99.0"), alive: node === "app@n1" ? true : null });
    globalOf(views, "app@n3").names.push({ name: "lock", pid: pid("app@n3", "0.98.0"), alive: true });
    const result = checkGlobal("global", views, fullMesh(NODES));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("global name lock has 2 owners: app@n1<0.99.0>#11 on app@n1, app@n2, app@n3<0.98.0>#33 on app@n3");
  });

  it("fails a name missing from one node's table", () => {
    const views = agreeing();
    const table = globalOf(views, "app@n3");
    table.names = table.names.filter((n) => n.name !== "{agent,'app@n1'}");
    expect(checkGlobal("global", views, fullMesh(NODES)).detail).toBe("global name {agent,'app@n1'} is registered on app@n1, app@n2 but not on app@n3");
  });

  it("fails a name held by a pid of a previous incarnation, or of a node that is not up, or dead", () => {
    const stale = agreeing();
    for (const node of NODES) globalOf(stale, node).names[1]!.pid = pid("app@n2", "0.80.0", 21);
    expect(checkGlobal("global", stale, fullMesh(NODES)).detail).toMatch(/held by app@n2<0.80.0>#21, of a previous incarnation \(now creation 22\)/);

    const gone = agreeing();
    for (const node of NODES) globalOf(gone, node).names.push({ name: "orphan", pid: pid("app@n9", "0.1.0", 9), alive: null });
    expect(checkGlobal("global", gone, fullMesh(NODES)).detail).toMatch(/orphan is held by app@n9<0.1.0>#9, on a node that is not up/);

    const dead = agreeing();
    globalOf(dead, "app@n1").names[0]!.alive = false;
    expect(checkGlobal("global", dead, fullMesh(NODES)).detail).toMatch(/\{agent,'app@n1'\} is held by app@n1<0.80.0>#11, which is dead/);
  });

  it("fails a node whose global:sync() did not return, and one that did not answer", () => {
    const views = agreeing();
    globalOf(views, "app@n2").sync = "timeout";
    views[2] = { node: "app@n3", status: "timeout", reason: "no answer within 1 s", atMs: 0 };
    const result = checkGlobal("global", views, fullMesh(NODES));
    expect(result.detail).toMatch(/app@n2: global:sync\(\) did not return within its deadline/);
    expect(result.detail).toMatch(/app@n3: no view of global \(timeout: no answer within 1 s\)/);
  });
});
