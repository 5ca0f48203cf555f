import { describe, expect, it } from "vitest";
import { checkGlobal } from "../../src/checks/global.js";
import { fullMesh } from "../../src/checks/mesh.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";
import type { ErlPid, GlobalView } from "../../src/probe/replies.js";

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
    info: { otpRelease: "27", otpVersion: "27.3.4.1", kernelVersion: "10.2.7.1", creation: CREATION[node]!, osPid: "1" },
    mesh: NODES.filter((n) => n !== node),
    global: {
      names: NODES.map((owner) => ({ name: `{agent,'${owner}'}`, pid: pid(owner), alive: owner === node ? true : null })),
      sync: CREATION[node]!,
      state: { known: NODES.filter((n) => n !== node), pending: [], lockHolders: [] },
    },
    atMs: 0,
  }));
}

function globalOf(observations: NodeObservation[], node: string): GlobalView {
  return observations.find((o) => o.node === node)!.global!;
}

describe("checkGlobal", () => {
  it("passes when every node has the same names with the same live pids", () => {
    expect(checkGlobal("global", agreeing(), fullMesh(NODES))).toEqual({
      name: "global",
      verdict: "pass",
      detail: "3 nodes agree on 3 global names; global:sync() took at most 33 ms (app@n3)",
    });
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
    expect(checkGlobal("global", views, fullMesh(NODES)).detail).toBe(
      "global name {agent,'app@n1'} is registered on app@n1, app@n2 but not on app@n3 (global on app@n3 has synced with app@n1 and no sync is under way: it exchanges names only when nodes connect, so it will not learn this name unless they reconnect); " +
        "remedy (OTP's own; meshproof applies none): on app@n3 erlang:disconnect_node('app@n1'); global exchanges names again when they reconnect",
    );
  });

  it("names OTP's remedy for names lost on several nodes once, by node, and none for a node cut off from the owner", () => {
    const views = agreeing();
    for (const node of ["app@n2", "app@n3"]) {
      const table = globalOf(views, node);
      table.names = table.names.filter((n) => n.name !== "{agent,'app@n1'}");
    }
    globalOf(views, "app@n2").names = globalOf(views, "app@n2").names.filter((n) => n.name !== "{agent,'app@n3'}");
    expect(checkGlobal("global", views, fullMesh(NODES)).detail).toMatch(
      /; remedy \(OTP's own; meshproof applies none\): on app@n2 erlang:disconnect_node\('app@n1'\), erlang:disconnect_node\('app@n3'\); on app@n3 erlang:disconnect_node\('app@n1'\); global exchanges names again when they reconnect$/,
    );

    views.find((o) => o.node === "app@n3")!.mesh = ["app@n2"];
    expect(checkGlobal("global", views, fullMesh(NODES)).detail).not.toContain("on app@n3 erlang:disconnect_node");
  });

  it("says nothing of a lost name where global's sync with the owner's node is still under way", () => {
    const views = agreeing();
    const table = globalOf(views, "app@n3");
    table.names = table.names.filter((n) => n.name !== "{agent,'app@n1'}");
    table.state = { known: ["app@n2"], pending: ["app@n1"], lockHolders: [] };
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

  it("fails a node whose global:sync() did not return as converging (slow, not stuck) when global's state shows nothing stuck, and one that did not answer", () => {
    const views = agreeing();
    globalOf(views, "app@n2").sync = "timeout";
    views[2] = { node: "app@n3", status: "timeout", reason: "no answer within 1 s", atMs: 0 };
    const result = checkGlobal("global", views, fullMesh(NODES));
    expect(result.detail).toMatch(/app@n2: global:sync\(\) did not return within 2000 ms \(global's state shows no stuck sync: converging, only slow\)/);
    expect(result.detail).toMatch(/app@n3: no view of global \(timeout: no answer within 1 s\)/);
    expect(result).not.toHaveProperty("globalStuck");
  });

  it("says when global's state could not be read to tell a hung sync stuck from slow", () => {
    const views = agreeing();
    globalOf(views, "app@n2").sync = "timeout";
    globalOf(views, "app@n2").state = null;
    expect(checkGlobal("global", views, fullMesh(NODES)).detail).toBe("app@n2: global:sync() did not return within 2000 ms (global's state could not be read to tell stuck from slow)");
  });

  it("does not call a pending sync stuck while global:sync() still returns (a sync under way)", () => {
    const views = agreeing();
    globalOf(views, "app@n1").state = { known: ["app@n2"], pending: ["app@n3"], lockHolders: [] };
    expect(checkGlobal("global", views, fullMesh(NODES)).verdict).toBe("pass");
  });
});

/** The state measured on OTP 27.3.4.1 after a restarted app@n3 met global's lock held on app@n1 by a process of app@n2 (#9112's signature). */
function stuckAfterReconnect(kernel = "10.2.7.1"): NodeObservation[] {
  const views = agreeing();
  const states = {
    "app@n1": { known: ["app@n2"], pending: ["app@n3"], lockHolders: [pid("app@n2", "0.104.0")] },
    "app@n2": { known: ["app@n1"], pending: ["app@n3"], lockHolders: [] },
    "app@n3": { known: [], pending: ["app@n1", "app@n2"], lockHolders: [] },
  };
  for (const view of views) {
    view.global!.sync = "timeout";
    view.global!.state = states[view.node as keyof typeof states];
    view.info!.kernelVersion = kernel;
  }
  return views;
}

describe("a stuck global", () => {
  it("says what each node waits on by global's own state, and keeps it as data", () => {
    const result = checkGlobal("global", stuckAfterReconnect(), fullMesh(NODES));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toMatch(
      /^global stuck: app@n1 waits on a sync with app@n3, has not synced with app@n3 of its nodes\(\), global's lock held there by a process on app@n2; app@n2 waits on a sync with app@n3, has not synced with app@n3 of its nodes\(\); app@n3 waits on a sync with app@n1, app@n2, has not synced with app@n1, app@n2 of its nodes\(\)\. global:sync\(\) hung past its 2000 ms deadline on app@n1, app@n2, app@n3 and global's own state confirms it/,
    );
    expect(result.globalStuck?.nodes.map((n) => [n.node, n.pendingWith, n.connectedNotKnown, n.lockHeldFrom, n.disconnect])).toEqual([
      ["app@n1", ["app@n3"], ["app@n3"], ["app@n2"], ["app@n2", "app@n3"]],
      ["app@n2", ["app@n3"], ["app@n3"], [], ["app@n3"]],
      ["app@n3", ["app@n1", "app@n2"], ["app@n1", "app@n2"], [], ["app@n1", "app@n2"]],
    ]);
  });

  it("names OTP's remedy, disconnecting the stuck pairs and the lock's holder, which meshproof does not apply", () => {
    expect(checkGlobal("global", stuckAfterReconnect(), fullMesh(NODES)).detail).toContain(
      "remedy (OTP's own; meshproof applies none): on app@n1 erlang:disconnect_node('app@n2'), erlang:disconnect_node('app@n3'); on app@n2 erlang:disconnect_node('app@n3'); on app@n3 erlang:disconnect_node('app@n1'), erlang:disconnect_node('app@n2'); global syncs again when they reconnect",
    );
  });

  it("does not tell a node whose kernel carries OTP-19381's fix to upgrade to it, and tells one without it which release has it", () => {
    const fixed = checkGlobal("global", stuckAfterReconnect("10.2.7.1"), fullMesh(NODES));
    expect(fixed.detail).toContain("kernel 10.2.7.1 carries the fix of OTP-19381 (erlang/otp #9112), so upgrading to it is no remedy");
    expect(fixed.detail).not.toMatch(/or later has it/);
    const bookworm = checkGlobal("global", stuckAfterReconnect("8.5.3"), fullMesh(NODES));
    expect(bookworm.detail).toContain("kernel 8.5.3 lacks the fix of OTP-19381 (erlang/otp #9112): OTP 25.3.2.17 (kernel 8.5.4.4) or later has it");
    expect(bookworm.globalStuck?.nodes[0]?.fix).toEqual({ kernel: "8.5.3", has: false, upgradeTo: { kernel: "8.5.4.4", otp: "25.3.2.17" } });
  });

  it("counts a peer global still calls synced but that is gone from nodes() as stuck", () => {
    const views = agreeing();
    globalOf(views, "app@n1").sync = "timeout";
    views[0]!.mesh = ["app@n2"];
    const result = checkGlobal("global", views, fullMesh(NODES));
    expect(result.detail).toMatch(/^global stuck: app@n1 counts app@n3 as synced, not in its nodes\(\)/);
    expect(result.globalStuck?.nodes[0]?.disconnect).toEqual([]);
  });

  it("fails required names registered on no node, and passes once each is everywhere", () => {
    const required = ["{agent,'app@n1'}", "{agent,'app@n4'}"];
    expect(checkGlobal("global", agreeing(), fullMesh(NODES), required).detail).toBe("global names {agent,'app@n4'} are registered on no node");
    expect(checkGlobal("global", agreeing(), fullMesh(NODES), required.slice(0, 1)).verdict).toBe("pass");
  });
});
