import { describe, it, expect } from "vitest";
import { checkPg } from "../../src/checks/pg.js";
import type { MeshPlan } from "../../src/checks/mesh.js";
import { fullMesh } from "../../src/checks/mesh.js";
import type { CheckResult } from "../../src/checks/verdict.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";
import type { ErlPid, PgView } from "../../src/probe/replies.js";

const N1 = "n1@host1";
const N2 = "n2@host2";
const N3 = "n3@host3";
const NODES = [N1, N2, N3];
const PER_NODE = { scope: "meshproof", membersPerNode: { pool: 2 } };

/** Each node has its own incarnation number, so stale pids are easy to make. */
const CREATION: Record<string, number> = { [N1]: 101, [N2]: 202, [N3]: 303 };

function pid(node: string, id: string, creation = CREATION[node]!): ErlPid {
  return { node, id, creation };
}

/** The two pool workers a node runs in its current incarnation. */
function localsOf(node: string): ErlPid[] {
  return [pid(node, "0.90.0"), pid(node, "0.91.0")];
}

function observation(node: string, groups: PgView["groups"]): NodeObservation {
  return {
    node,
    status: "ok",
    info: { otpRelease: "25", otpVersion: "25.3.2", kernelVersion: "8.5.4.4", creation: CREATION[node]!, osPid: "4242" },
    mesh: NODES.filter((peer) => peer !== node),
    pg: [{ scope: "meshproof", groups }],
    atMs: 0,
  };
}

/**
 * Every node sees, in get_members(pool), the union of the locals of the nodes
 * it is connected to according to `plan` (itself included). Fresh arrays per node.
 */
function convergedViews(plan: MeshPlan = fullMesh(NODES)): NodeObservation[] {
  return [...plan.keys()].map((node) => {
    const visible = [node, ...(plan.get(node) ?? [])];
    return observation(node, [{ group: "pool", members: visible.flatMap(localsOf), local: localsOf(node) }]);
  });
}

/** The (mutable) pool entry of one node's pg view. */
function poolOf(observations: NodeObservation[], node: string): PgView["groups"][number] {
  const group = observations.find((o) => o.node === node)?.pg?.[0]?.groups.find((g) => g.group === "pool");
  if (!group) throw new Error(`test setup: ${node} has no pool group`);
  return group;
}

function problemsOf(result: CheckResult): string[] {
  return result.detail.split("; ");
}

/** The check failed, and one problem is about `node`, names `group` and matches `kind`. */
function expectProblem(result: CheckResult, node: string, group: string, kind: RegExp): void {
  expect(result.verdict).toBe("fail");
  const matching = problemsOf(result).filter((p) => p.startsWith(`${node}:`) && p.includes(group) && kind.test(p));
  expect(matching, `no problem for ${node}/${group} matching ${kind} in: ${result.detail}`).not.toHaveLength(0);
}

/** n1 and n2 are connected to each other; n3 is cut off from both. */
const PARTITION: MeshPlan = new Map([
  [N1, [N2]],
  [N2, [N1]],
  [N3, []],
]);

describe("checkPg", () => {
  it("passes when every node's get_members is the union of all locals", () => {
    const result = checkPg("pg converged", convergedViews(), fullMesh(NODES), PER_NODE);
    expect(result).toEqual({ name: "pg converged", verdict: "pass", detail: "pg views agree on 3 nodes (scope meshproof)" });
  });

  it("passes regardless of member order", () => {
    const views = convergedViews();
    poolOf(views, N2).members.reverse();
    expect(checkPg("pg", views, fullMesh(NODES), PER_NODE).verdict).toBe("pass");
  });

  it("fails when a node's get_members lacks a peer's member", () => {
    const views = convergedViews();
    const pool = poolOf(views, N1);
    pool.members = pool.members.filter((p) => !(p.node === N2 && p.id === "0.91.0"));
    const result = checkPg("pg", views, fullMesh(NODES), PER_NODE);
    expectProblem(result, N1, "pool", /lacks n2@host2<0\.91\.0>/);
    expect(problemsOf(result)).toHaveLength(1);
  });

  it("fails when a node's get_members has an extra member", () => {
    const views = convergedViews();
    poolOf(views, N1).members.push(pid(N2, "0.999.0"));
    const result = checkPg("pg", views, fullMesh(NODES), PER_NODE);
    expectProblem(result, N1, "pool", /extra n2@host2<0\.999\.0>/);
    expect(problemsOf(result)).toHaveLength(1);
  });

  it("fails on a duplicated pid in get_members (members are a multiset)", () => {
    const views = convergedViews();
    poolOf(views, N3).members.push(pid(N1, "0.90.0"));
    const result = checkPg("pg", views, fullMesh(NODES), PER_NODE);
    expectProblem(result, N3, "pool", /extra n1@host1<0\.90\.0>/);
  });

  it("fails when a member pid belongs to a previous incarnation of its node", () => {
    const views = convergedViews();
    const pool = poolOf(views, N1);
    // n2 restarted (creation 202 now); n1 still holds a pid of the old n2 (creation 201).
    pool.members = pool.members.map((p) => (p.node === N2 && p.id === "0.90.0" ? pid(N2, "0.90.0", 201) : p));
    const result = checkPg("pg", views, fullMesh(NODES), PER_NODE);
    expectProblem(result, N1, "pool", /previous incarnation/);
    expect(result.detail).toContain("n2@host2<0.90.0>#201");
  });

  it("fails when a node's own local member is not of its current incarnation", () => {
    const views = convergedViews();
    const stale = pid(N2, "0.91.0", 199);
    const pool = poolOf(views, N2);
    pool.local = [pid(N2, "0.90.0"), stale];
    const result = checkPg("pg", views, fullMesh(NODES), PER_NODE);
    expectProblem(result, N2, "pool", /local member .* not of this incarnation/);
  });

  it("fails when a node has the wrong number of local members", () => {
    const views = convergedViews();
    // n2 runs only one worker, and everyone agrees on that: only the count is wrong.
    const gone = (p: ErlPid) => p.node === N2 && p.id === "0.91.0";
    for (const node of NODES) {
      const pool = poolOf(views, node);
      pool.members = pool.members.filter((p) => !gone(p));
      pool.local = pool.local.filter((p) => !gone(p));
    }
    const result = checkPg("pg", views, fullMesh(NODES), PER_NODE);
    expectProblem(result, N2, "pool", /1 local members in pool \(scope meshproof\), expected 2/);
    expect(problemsOf(result)).toHaveLength(1);
  });

  it("fails when which_groups lists a group with no members (phantom group)", () => {
    const views = convergedViews();
    views.find((o) => o.node === N3)!.pg![0]!.groups.push({ group: "ghost", members: [], local: [] });
    const result = checkPg("pg", views, fullMesh(NODES), PER_NODE);
    expectProblem(result, N3, "ghost", /empty group/);
    expect(problemsOf(result)).toHaveLength(1);
  });

  it("judges every scope found, and member counts only in the scope the user named", () => {
    const views = convergedViews();
    // a scope of the application's own: n1 runs two members of jobs, n2 and n3 none; everyone agrees
    const jobs = [pid(N1, "0.300.0"), pid(N1, "0.301.0")];
    for (const o of views) o.pg!.push({ scope: "app_scope", groups: [{ group: "jobs", members: jobs, local: o.node === N1 ? jobs : [] }] });
    expect(checkPg("pg", views, fullMesh(NODES), PER_NODE)).toMatchObject({ verdict: "pass", detail: "pg views agree on 3 nodes (2 scopes)" });

    views.find((o) => o.node === N3)!.pg![1]!.groups[0]!.members = [jobs[0]!];
    expectProblem(checkPg("pg", views, fullMesh(NODES), PER_NODE), N3, "jobs (scope app_scope)", /lacks n1@host1<0\.301\.0>/);
  });

  it("judges a cluster with no counts given (a user's image) by its views alone", () => {
    expect(checkPg("pg", convergedViews(), fullMesh(NODES), { scope: "meshproof", membersPerNode: {} }).verdict).toBe("pass");
  });

  it("fails when a node no longer runs a scope it ran before the fault", () => {
    const views = convergedViews();
    const before = new Map(NODES.map((node) => [node, new Set(["meshproof", "app_scope"])]));
    expectProblem(checkPg("pg", views, fullMesh(NODES), PER_NODE, before), N2, "app_scope", /no longer runs pg scope/);
  });

  it("passes during a partition when views only hold connected nodes' members", () => {
    const result = checkPg("pg", convergedViews(PARTITION), PARTITION, PER_NODE);
    expect(result.verdict).toBe("pass");
  });

  it("fails during a partition when a node holds a member of a node it should not see", () => {
    const views = convergedViews(PARTITION);
    poolOf(views, N1).members.push(pid(N3, "0.90.0"));
    const result = checkPg("pg", views, PARTITION, PER_NODE);
    expectProblem(result, N1, "pool", /n3@host3<0\.90\.0>.*should not see/);
  });

  it("fails during a partition when the lone node still holds a member of the other side", () => {
    const views = convergedViews(PARTITION);
    poolOf(views, N3).members.push(pid(N2, "0.91.0"));
    const result = checkPg("pg", views, PARTITION, PER_NODE);
    expectProblem(result, N3, "pool", /n2@host2<0\.91\.0>.*should not see/);
  });

  it("fails when full-mesh views are judged against a partition plan", () => {
    const result = checkPg("pg", convergedViews(), PARTITION, PER_NODE);
    expectProblem(result, N1, "pool", /n3@host3.*should not see/);
  });

  it("fails when a planned node did not answer", () => {
    const views = convergedViews().map((o): NodeObservation =>
      o.node === N2 ? { node: N2, status: "unreachable", reason: "container is not running", atMs: 0 } : o,
    );
    const result = checkPg("pg", views, fullMesh(NODES), PER_NODE);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toContain(`${N2}: no pg view (unreachable: container is not running)`);
  });

  it("fails when a planned node was not probed at all", () => {
    const views = convergedViews().filter((o) => o.node !== N3);
    const result = checkPg("pg", views, fullMesh(NODES), PER_NODE);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toContain(`${N3}: no pg view (not probed)`);
  });
});
