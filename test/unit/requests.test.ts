import { describe, expect, it } from "vitest";
import { requestArgument, requestWords, type ProbeRequest } from "../../src/probe/requests.js";

describe("requestWords", () => {
  it.each<[ProbeRequest, string[]]>([
    [{ op: "info" }, ["info"]],
    [{ op: "mesh" }, ["mesh"]],
    [{ op: "pg", scope: "demo" }, ["pg", "demo"]],
    [{ op: "ping", peers: ["app@n2", "app@n3"] }, ["ping", "app@n2", "app@n3"]],
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
