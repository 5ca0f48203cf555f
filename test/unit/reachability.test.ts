import { describe, it, expect } from "vitest";
import { checkReachability, type PingRow } from "../../src/checks/reachability.js";

const NODES = ["a@h", "b@h", "c@h"];

function allPong(): PingRow[] {
  return NODES.map((from) => ({
    from,
    results: NODES.filter((peer) => peer !== from).map((peer) => ({ peer, pong: true, ms: 1 })),
  }));
}

describe("checkReachability", () => {
  it("passes when every node gets pong from every other node", () => {
    const result = checkReachability(allPong());
    expect(result).toEqual({ name: "reachability", verdict: "pass", detail: "all 3 nodes answer pong to each other" });
  });

  it("fails naming the node and the peers that answered pang", () => {
    const rows = allPong();
    rows[0]!.results = rows[0]!.results!.map((r) => ({ ...r, pong: false }));
    const result = checkReachability(rows);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("a@h gets pang from b@h, c@h");
  });

  it("fails when a row has no results, with the reason", () => {
    const rows = allPong();
    rows[1] = { from: "b@h", reason: "timeout: no answer within 10000 ms" };
    const result = checkReachability(rows);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("b@h could not ping (timeout: no answer within 10000 ms)");
  });

  it("fails when a node's row leaves out a peer, so an empty matrix cannot pass", () => {
    const rows = allPong();
    rows[2] = { from: "c@h", results: [] };
    const result = checkReachability(rows);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("c@h did not ping a@h, b@h");
  });
});
