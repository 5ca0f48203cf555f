import { describe, expect, it } from "vitest";
import { fullMesh } from "../../src/checks/mesh.js";
import { checkMnesia, mnesiaPresent } from "../../src/checks/mnesia.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";
import type { MnesiaTable, MnesiaView } from "../../src/probe/replies.js";

const NODES = ["r@n1", "r@n2", "r@n3"];

/** A table with a copy on every node, loaded and active on `replicas`, as node `on` sees it. */
function users(on: string, replicas: string[]): MnesiaTable {
  return { name: "users", holders: NODES, localContent: false, activeReplicas: replicas, whereToRead: replicas.includes(on) ? on : null };
}

function view(on: string, running: string[], tables: MnesiaTable[] = [users(on, running)]): MnesiaView {
  return { dbNodes: NODES, runningDbNodes: running, tables };
}

function looks(views: Record<string, MnesiaView | null>): NodeObservation[] {
  return NODES.map((node) => ({ node, status: "ok", mnesia: views[node] ?? null, atMs: 0 }));
}

/** Every node runs with all db nodes; `tables(node)` is what that node sees of the tables. */
function whole(tables: (node: string) => MnesiaTable[]): NodeObservation[] {
  return looks(Object.fromEntries(NODES.map((node) => [node, view(node, NODES, tables(node))])));
}

/** ejabberd's bosh as each node sees it: a copy everywhere, each node's own rows, active on the node itself only (as Mnesia reports it). */
const bosh = (on: string): MnesiaTable => ({ name: "bosh", holders: NODES, localContent: true, activeReplicas: [on], whereToRead: on });

/** A table on r@n1 and r@n2 only, as `on` sees it: the holders read their own copy, r@n3 reads r@n1's. */
const pair = (on: string, replicas: string[]): MnesiaTable => ({
  name: "pair",
  holders: ["r@n1", "r@n2"],
  localContent: false,
  activeReplicas: replicas,
  whereToRead: on === "r@n3" ? (replicas[0] ?? null) : replicas.includes(on) ? on : null,
});

describe("checkMnesia", () => {
  it("passes when every node runs with all db nodes and the tables alike, saying which tables it judged", () => {
    const result = checkMnesia("mnesia", whole((node) => [users(node, NODES)]), fullMesh(NODES));
    expect(result).toEqual({
      name: "mnesia",
      verdict: "pass",
      detail: "3 nodes run Mnesia with the same running db nodes; 1 tables judged: 1 among their holders (users), 0 local_content per node",
    });
  });

  it("passes local_content tables whose active replicas differ from node to node, judging each on its own node", () => {
    const result = checkMnesia("mnesia", whole((node) => [bosh(node), { ...bosh(node), name: "caps_features" }, users(node, NODES)]), fullMesh(NODES));
    expect(result.verdict, result.detail).toBe("pass");
    expect(result.detail).toMatch(/3 tables judged: 1 among their holders \(users\), 2 local_content per node \(bosh, caps_features\)$/);
  });

  it("fails a local_content table active on another node than its own, naming it", () => {
    const result = checkMnesia("mnesia", whole((node) => [node === "r@n2" ? { ...bosh(node), activeReplicas: ["r@n1", "r@n2"] } : bosh(node)]), fullMesh(NODES));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toMatch(/^table bosh \(local_content\): active replicas other than the node itself: \[r@n1, r@n2\] on r@n2; 1 tables judged/);
  });

  it("fails a table on 2 of 3 nodes whose two holders disagree, naming the table; a non-holder's view is not compared", () => {
    const disagree = whole((node) => [pair(node, node === "r@n1" ? ["r@n1"] : node === "r@n2" ? ["r@n2"] : ["r@n1", "r@n2"])]);
    const result = checkMnesia("mnesia", disagree, fullMesh(NODES));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("table pair: active replicas differ among its holders: [r@n1] on r@n1, [r@n2] on r@n2; 1 tables judged: 1 among their holders (pair), 0 local_content per node");
  });

  it("passes a table whose non-holder sees other replicas than its holders do (it reads remotely, or nowhere)", () => {
    for (const remote of [["r@n1"], []]) {
      const result = checkMnesia("mnesia", whole((node) => [pair(node, node === "r@n3" ? remote : ["r@n1", "r@n2"])]), fullMesh(NODES));
      expect(result.verdict, result.detail).toBe("pass");
    }
  });

  it("fails holders that agree with each other but not with who loaded the table", () => {
    // r@n3 restarted and loaded its copy, but the others still have it down
    const stale = whole((node) => [users(node, node === "r@n3" ? NODES : ["r@n1", "r@n2"])]);
    expect(checkMnesia("mnesia", stale, fullMesh(NODES)).detail).toMatch(/^table users: active replicas differ among its holders: \[r@n1, r@n2\] on r@n1, r@n2, \[r@n1, r@n2, r@n3\] on r@n3;/);
    // every holder still lists r@n3, which runs but has not loaded its copy: that is loading, and the rest is wrong too
    const ghost = whole((node) => [{ ...users(node, NODES), whereToRead: node === "r@n3" ? null : node }]);
    expect(checkMnesia("mnesia", ghost, fullMesh(NODES)).detail).toMatch(
      /^table users: active replicas \[r@n1, r@n2, r@n3\] on r@n1, r@n2, but the holders that loaded it are \[r@n1, r@n2\]; table users: converging, its copy not loaded yet on r@n3;/,
    );
  });

  it("holds a table not loaded yet after a restart as converging, not split", () => {
    // r@n3 is back and loads its copy; the others have it down until it is done
    const restarting = whole((node) => [node === "r@n3" ? { ...users(node, ["r@n1", "r@n2"]), whereToRead: "r@n1" } : users(node, ["r@n1", "r@n2"])]);
    const result = checkMnesia("mnesia", restarting, fullMesh(NODES));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("table users: converging, its copy not loaded yet on r@n3; 1 tables judged: 1 among their holders (users), 0 local_content per node");
    expect(result.detail).not.toMatch(/differ|partitioned/);
    const nowhere = whole((node) => [node === "r@n3" ? { ...bosh(node), activeReplicas: [], whereToRead: null } : bosh(node)]);
    expect(checkMnesia("mnesia", nowhere, fullMesh(NODES)).detail).toMatch(/^table bosh: converging, its copy not loaded yet on r@n3;/);
  });

  it("skips a table that no running node holds, saying so", () => {
    const orphan: MnesiaTable = { name: "gone", holders: ["r@n9"], localContent: false, activeReplicas: [], whereToRead: null };
    const result = checkMnesia("mnesia", whole((node) => [users(node, NODES), orphan]), fullMesh(NODES));
    expect(result.verdict).toBe("pass");
    expect(result.detail).toMatch(/1 tables judged: 1 among their holders \(users\), 0 local_content per node; 1 skipped, no node that holds a copy runs Mnesia \(gone\)$/);
  });

  it("fails a database that stayed partitioned while the mesh is whole, naming the sides and the split tables first", () => {
    const split = looks({ "r@n1": view("r@n1", ["r@n1", "r@n2"]), "r@n2": view("r@n2", ["r@n1", "r@n2"]), "r@n3": view("r@n3", ["r@n3"]) });
    split[0]!.events = [{ kind: "inconsistent_database", node: "r@n3", reason: "running_partitioned_network", atMs: 5 }];
    const result = checkMnesia("mnesia", split, fullMesh(NODES));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toMatch(
      /^Mnesia partitioned: \[r@n1, r@n2\] \| \[r@n3\]; table users: active replicas differ among its holders: \[r@n1, r@n2\] on r@n1, r@n2, \[r@n3\] on r@n3; r@n1 reported inconsistent_database .* about r@n3 at [\d:.]+; r@n1: running_db_nodes lacks r@n3;/,
    );
    expect(result.detail).toMatch(/r@n2: running_db_nodes lacks r@n3; and 1 more; 1 tables judged/);
  });

  it("fails on an inconsistent_database event, even once the db nodes agree again", () => {
    const healed = whole((node) => [users(node, NODES)]);
    healed[2]!.events = [{ kind: "inconsistent_database", node: "r@n1", reason: "running_partitioned_network", atMs: 5 }];
    expect(checkMnesia("mnesia", healed, fullMesh(NODES)).detail).toMatch(/^r@n3 reported inconsistent_database \(running_partitioned_network\) about r@n1 at \d\d:\d\d:\d\d\.\d{3}; 1 tables judged/);
  });

  it("fails a db node that is up but runs no Mnesia; leaves out db nodes that are down", () => {
    const stopped = looks({ "r@n1": view("r@n1", ["r@n1", "r@n2"]), "r@n2": view("r@n2", ["r@n1", "r@n2"]), "r@n3": null });
    expect(checkMnesia("mnesia", stopped, fullMesh(NODES)).detail).toMatch(/^Mnesia does not run on r@n3, a db node that is up; r@n1: running_db_nodes lacks r@n3/);
    const down = stopped.slice(0, 2);
    expect(checkMnesia("mnesia", down, fullMesh(["r@n1", "r@n2"])).verdict).toBe("pass");
  });

  it("is present where some node runs it", () => {
    expect(mnesiaPresent(looks({}))).toBe(false);
    expect(mnesiaPresent(looks({ "r@n2": view("r@n2", NODES) }))).toBe(true);
  });
});
