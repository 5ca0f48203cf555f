import { describe, it, expect } from "vitest";
import { checkKillApplied } from "../../src/checks/kill-applied.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";
import type { ErlPid, PgView } from "../../src/probe/protocol.js";

const TARGET = "c@h";
const SURVIVORS = ["a@h", "b@h"];

function pid(node: string, id: string): ErlPid {
  return { node, id, creation: 1 };
}

function survivor(node: string, mesh: string[], members: ErlPid[]): NodeObservation {
  const pg: PgView = { scope: "meshproof", groups: [{ group: "pool", members, local: members.filter((p) => p.node === node) }] };
  return { node, status: "ok", mesh, pg, atMs: 0 };
}

/** Both survivors dropped c@h from nodes() and from pg. */
function noticed(): NodeObservation[] {
  const members = [pid("a@h", "0.90.0"), pid("b@h", "0.90.0")];
  return [survivor("a@h", ["b@h"], members), survivor("b@h", ["a@h"], [...members])];
}

describe("checkKillApplied", () => {
  it("passes when the target is stopped and every survivor dropped it", () => {
    const result = checkKillApplied(noticed(), TARGET, SURVIVORS, false);
    expect(result.name).toBe("fault applied");
    expect(result.verdict).toBe("pass");
  });

  it("fails when the target's container is still running", () => {
    const result = checkKillApplied(noticed(), TARGET, SURVIVORS, true);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("the container of c@h is still running");
  });

  it("fails when a survivor still sees the target in its mesh", () => {
    const observations = noticed();
    observations[0]!.mesh!.push(TARGET);
    const result = checkKillApplied(observations, TARGET, SURVIVORS, false);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("a@h still sees c@h");
  });

  it("fails when a survivor still lists pg members of the target", () => {
    const observations = noticed();
    const pool = observations[1]!.pg!.groups[0]!;
    pool.members.push(pid(TARGET, "0.90.0"), pid(TARGET, "0.91.0"));
    const result = checkKillApplied(observations, TARGET, SURVIVORS, false);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("b@h still lists 2 pg members of c@h (pool)");
  });

  it("fails when a survivor did not answer", () => {
    const observations = noticed().filter((o) => o.node !== "b@h");
    const result = checkKillApplied(observations, TARGET, SURVIVORS, false);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("b@h did not answer (not probed)");
  });
});
