import { describe, expect, it } from "vitest";
import { checkInvariants } from "../../src/checks/invariants.js";
import { fullMesh } from "../../src/checks/mesh.js";
import { invariantFromFlag, invariantSchema, type Invariant } from "../../src/config/invariants.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";
import type { InvariantValue } from "../../src/probe/replies.js";

const NODES = ["app@n1", "app@n2", "app@n3"];

function looks(values: InvariantValue[]): NodeObservation[] {
  return NODES.map((node, i) => ({ node, status: "ok", invariants: [values[i]!], atMs: 0 }));
}

const invariant = (rule: string, expr = "x()"): Invariant => invariantSchema.parse({ rule, expr });

describe("checkInvariants", () => {
  it("equal: passes one value everywhere, fails and shows each value where they differ", () => {
    expect(checkInvariants("inv", looks([{ value: "[a,b]" }, { value: "[a,b]" }, { value: "[a,b]" }]), fullMesh(NODES), [invariant("equal", "members")]).verdict).toBe("pass");
    const result = checkInvariants("inv", looks([{ value: "[a,b]" }, { value: "[a,b]" }, { value: "[a]" }]), fullMesh(NODES), [invariant("equal", "members")]);
    expect(result).toMatchObject({ verdict: "fail", detail: "members differs: [a,b] on app@n1, app@n2; [a] on app@n3" });
  });

  it("unique: fails a value on two nodes", () => {
    const result = checkInvariants("inv", looks([{ value: "1" }, { value: "2" }, { value: "1" }]), fullMesh(NODES), [invariant("unique", "leader")]);
    expect(result.detail).toBe("leader is not unique: 1 on app@n1, app@n3");
    expect(checkInvariants("inv", looks([{ value: "1" }, { value: "2" }, { value: "3" }]), fullMesh(NODES), [invariant("unique")]).verdict).toBe("pass");
  });

  it("true: fails each node where it is anything else, and a node where it raised", () => {
    const result = checkInvariants("inv", looks([{ value: "true" }, { value: "false" }, { error: "error:undef" }]), fullMesh(NODES), [invariant("true", "ok")]);
    expect(result.detail).toBe("ok: error:undef on app@n3; ok is not true: false on app@n2");
  });

  it("fails a node that gave no values", () => {
    const views = looks([{ value: "1" }, { value: "1" }, { value: "1" }]);
    views[1] = { node: "app@n2", status: "unreachable", reason: "down", atMs: 0 };
    expect(checkInvariants("inv", views, fullMesh(NODES), [invariant("equal")]).detail).toBe("app@n2: no invariant values (unreachable: down)");
  });
});

describe("invariant input", () => {
  it("takes an expression, or mod:fun for its call, and names it by the expression unless named", () => {
    expect(invariantSchema.parse({ rule: "equal", expr: " my_app:members " })).toEqual({ name: "my_app:members()", expr: "my_app:members()", rule: "equal" });
    expect(invariantSchema.parse({ name: "view", rule: "true", expr: "lists:sort(nodes())" })).toEqual({ name: "view", expr: "lists:sort(nodes())", rule: "true" });
  });

  it("refuses a trailing dot, an empty expression and an unknown rule, saying what is meant", () => {
    expect(invariantSchema.safeParse({ rule: "equal", expr: "node()." }).error?.issues[0]?.message).toMatch(/without the trailing dot/);
    expect(invariantSchema.safeParse({ rule: "equal", expr: "" }).success).toBe(false);
    expect(invariantSchema.safeParse(invariantFromFlag("same:node()")).error?.issues[0]?.message).toMatch(/must be one of equal, unique, true .*--invariant RULE:EXPRESSION.*\(got same\)/);
  });

  it("reads --invariant RULE:EXPRESSION at the first colon", () => {
    expect(invariantFromFlag("equal:my_app:members")).toEqual({ rule: "equal", expr: "my_app:members" });
    expect(invariantFromFlag("node()")).toEqual({ rule: "node()", expr: "" });
  });
});
