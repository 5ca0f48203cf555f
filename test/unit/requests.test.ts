import { describe, expect, it } from "vitest";
import { requestArgument, requestWords, type ProbeRequest } from "../../src/probe/requests.js";

describe("requestWords", () => {
  it.each<[ProbeRequest, string[]]>([
    [{ op: "info" }, ["info"]],
    [{ op: "mesh" }, ["mesh"]],
    [{ op: "pg", scope: "demo" }, ["pg", "demo"]],
    [{ op: "ping", peers: ["app@n2", "app@n3"] }, ["ping", "app@n2", "app@n3"]],
    [{ op: "events", sinceMs: 1_700_000_000_123 }, ["events", "1700000000123"]],
    [{ op: "record" }, ["record"]],
    [{ op: "unrecord" }, ["unrecord"]],
  ])("says %o as the probe's words %o", (request, words) => {
    expect(requestWords(request)).toEqual(words);
  });

  it("gives a one-shot probe each request as one argument", () => {
    expect(requestArgument({ op: "ping", peers: ["app@n2", "app@n3"] })).toBe("ping app@n2 app@n3");
    expect(requestArgument({ op: "record" })).toBe("record");
  });
});
