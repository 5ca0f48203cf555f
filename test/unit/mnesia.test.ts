import { describe, expect, it } from "vitest";
import { fullMesh } from "../../src/checks/mesh.js";
import { checkMnesia, mnesiaPresent } from "../../src/checks/mnesia.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";
import type { MnesiaView } from "../../src/probe/protocol.js";

const NODES = ["r@n1", "r@n2", "r@n3"];

function view(running: string[], replicas = running): MnesiaView {
  return { dbNodes: NODES, runningDbNodes: running, tables: [{ name: "users", activeReplicas: replicas }] };
}

function looks(views: Record<string, MnesiaView | null>): NodeObservation[] {
  return NODES.map((node) => ({ node, status: "ok", mnesia: views[node] ?? null, atMs: 0 }));
}

describe("checkMnesia", () => {
  it("passes when every node runs with all db nodes and the tables alike", () => {
    const result = checkMnesia("mnesia", looks({ "r@n1": view(NODES), "r@n2": view(NODES), "r@n3": view(NODES) }), fullMesh(NODES));
    expect(result).toEqual({ name: "mnesia", verdict: "pass", detail: "3 nodes run Mnesia with the same running db nodes and 1 tables replicated alike" });
  });

  it("fails a database that stayed partitioned while the mesh is whole, naming the sides", () => {
    const split = looks({ "r@n1": view(["r@n1", "r@n2"]), "r@n2": view(["r@n1", "r@n2"]), "r@n3": view(["r@n3"]) });
    const result = checkMnesia("mnesia", split, fullMesh(NODES));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toMatch(/^Mnesia partitioned: \[r@n1, r@n2\] \| \[r@n3\]; r@n1: running_db_nodes lacks r@n3;/);
    expect(result.detail).toMatch(/r@n3: running_db_nodes lacks r@n1, r@n2/);
    expect(result.detail).toMatch(/table users: active replicas differ: \[r@n1, r@n2\] on r@n1, r@n2, \[r@n3\] on r@n3/);
  });

  it("fails on an inconsistent_database event, even once the db nodes agree again", () => {
    const healed = looks({ "r@n1": view(NODES), "r@n2": view(NODES), "r@n3": view(NODES) });
    healed[2]!.events = [{ kind: "inconsistent_database", node: "r@n1", reason: "running_partitioned_network", atMs: 5 }];
    expect(checkMnesia("mnesia", healed, fullMesh(NODES)).detail).toMatch(/^r@n3 reported inconsistent_database \(running_partitioned_network\) about r@n1 at \d\d:\d\d:\d\d\.\d{3}$/);
  });

  it("fails a db node that is up but runs no Mnesia; leaves out db nodes that are down", () => {
    const stopped = looks({ "r@n1": view(["r@n1", "r@n2"]), "r@n2": view(["r@n1", "r@n2"]), "r@n3": null });
    expect(checkMnesia("mnesia", stopped, fullMesh(NODES)).detail).toMatch(/^Mnesia does not run on r@n3, a db node that is up; r@n1: running_db_nodes lacks r@n3/);
    const down = stopped.slice(0, 2);
    expect(checkMnesia("mnesia", down, fullMesh(["r@n1", "r@n2"])).verdict).toBe("pass");
  });

  it("is present where some node runs it", () => {
    expect(mnesiaPresent(looks({}))).toBe(false);
    expect(mnesiaPresent(looks({ "r@n2": view(NODES) }))).toBe(true);
  });
});
