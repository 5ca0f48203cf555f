import { describe, expect, it } from "vitest";
import { opTableDifferences } from "../../src/probe/op-table-diff.js";
import { probeOps, requestArgument, requestWords, type ProbeRequest } from "../../src/probe/ops.js";
import type { OpTable } from "../../src/probe/replies.js";

describe("requestWords", () => {
  it.each<[ProbeRequest, string[]]>([
    [{ op: "info" }, ["info"]],
    [{ op: "mesh" }, ["mesh"]],
    [{ op: "pg", scope: "demo" }, ["pg", "demo"]],
    [{ op: "ping", peers: ["app@n2", "app@n3"] }, ["ping", "app@n2", "app@n3"]],
    [{ op: "ping", peers: [] }, ["ping"]],
    [{ op: "events", sinceMs: 1_700_000_000_123 }, ["events", "1700000000123"]],
    [{ op: "views", sinceMs: 1_700_000_000_123 }, ["views", "1700000000123"]],
    [{ op: "record" }, ["record"]],
    [{ op: "unrecord" }, ["unrecord"]],
    [{ op: "layers", sync: true, invariants: [] }, ["layers", "sync"]],
    [{ op: "layers", sync: false, invariants: ["lists:sort(nodes())"] }, ["layers", "nosync", "bGlzdHM6c29ydChub2RlcygpKQ=="]],
    [{ op: "register", name: "job_1" }, ["register", "job_1"]],
    [{ op: "unregister", name: "job_1" }, ["unregister", "job_1"]],
    [{ op: "discover" }, ["discover"]],
    [{ op: "whereis", name: "global_name_server" }, ["whereis", "global_name_server"]],
    [{ op: "kill-process", name: "meshproof" }, ["kill-process", "meshproof"]],
    [{ op: "suspend", name: "Elixir.MyApp.Cache" }, ["suspend", "Elixir.MyApp.Cache"]],
    [{ op: "sys-state", name: "meshproof" }, ["sys-state", "meshproof"]],
    [{ op: "resume" }, ["resume"]],
    [{ op: "ops" }, ["ops"]],
  ])("says %o as the probe's words %o", (request, words) => {
    expect(requestWords(request)).toEqual(words);
  });

  it("says each invariant as one base64 word of its UTF-8 text, in order", () => {
    const invariants = ['length(nodes()) =:= 2', "'ä' =/= <<\"ü\"/utf8>>", "ok"];
    const words = requestWords({ op: "layers", sync: true, invariants });
    expect(words.slice(0, 2)).toEqual(["layers", "sync"]);
    expect(words.slice(2).map((word) => Buffer.from(word, "base64").toString("utf8"))).toEqual(invariants);
    for (const word of words.slice(2)) expect(word).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
  });

  it("gives a one-shot probe each request as one argument", () => {
    expect(requestArgument({ op: "ping", peers: ["app@n2", "app@n3"] })).toBe("ping app@n2 app@n3");
    expect(requestArgument({ op: "record" })).toBe("record");
  });
});

describe("opTableDifferences", () => {
  /** The probe's table as it would print it when it agrees with the harness's. */
  const agreeing = (): OpTable => Object.entries(probeOps).map(([op, { args }]) => ({ op, args: args.map((a) => ({ ...a })) }));

  it("finds nothing when the probe's table is the harness's", () => {
    expect(opTableDifferences(agreeing())).toEqual([]);
  });

  it("names an op that only one side has", () => {
    const probe = agreeing().filter((o) => o.op !== "resume");
    probe.push({ op: "crash-node", args: [] });
    expect(opTableDifferences(probe)).toEqual(["resume: the harness has it, the probe does not", "crash-node: the probe has it, the harness does not"]);
  });

  it.each<[string, (args: OpTable[number]["args"]) => OpTable[number]["args"], string]>([
    ["another type", (args) => [{ ...args[0]!, type: "atom" }], "events: the probe takes since_ms:atom, the harness sends since_ms:integer"],
    ["another name", (args) => [{ ...args[0]!, name: "since" }], "events: the probe takes since:integer, the harness sends since_ms:integer"],
    ["many words for one", (args) => [{ ...args[0]!, many: true }], "events: the probe takes since_ms:integer..., the harness sends since_ms:integer"],
    ["an argument more", (args) => [...args, { name: "limit", type: "integer", many: false }], "events: the probe takes since_ms:integer limit:integer, the harness sends since_ms:integer"],
    ["no argument", () => [], "events: the probe takes (none), the harness sends since_ms:integer"],
  ])("names an op whose arguments differ: %s", (_what, change, difference) => {
    const probe = agreeing().map((o) => (o.op === "events" ? { ...o, args: change(o.args) } : o));
    expect(opTableDifferences(probe)).toEqual([difference]);
  });

  it("names arguments in another order", () => {
    const probe = agreeing().map((o) => (o.op === "layers" ? { ...o, args: [...o.args].reverse() } : o));
    expect(opTableDifferences(probe)).toEqual(["layers: the probe takes invariants:base64... sync:flag, the harness sends sync:flag invariants:base64..."]);
  });
});
