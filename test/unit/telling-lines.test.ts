import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { tellingLines } from "../../src/report/telling-lines.js";

describe("tellingLines", () => {
  it("skips the report the tail starts inside, and keeps what the crashing process received", async () => {
    // an OTP 25 node's log tail cut inside a crash report, its pg scope crashing on OTP 29's discover
    const tail = await readFile(new URL("fixtures/otp25-pg-crash-tail.txt", import.meta.url), "utf8");
    expect(tail.split("\n")[0]).toContain("exception error: bad argument");
    const lines = tellingLines(tail);
    // the first whole report is the supervisor's, not the crash report cut in half
    expect(lines[0]).toMatch(/^reason: \{badarg,/);
    expect(lines).toContain("** Last message in was {discover,<9080.94.0>,1}");
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.length).toBeLessThanOrEqual(8);
  });

  it("keeps a log that starts with a report, and one without reports", () => {
    expect(tellingLines("=ERROR REPORT==== 1-Jan-2026::00:00:00.000000 ===\n** Generic server x terminating\nok")).toEqual(["** Generic server x terminating"]);
    expect(tellingLines("nodedown app@n1 reason=connection_closed\nnodeup app@n1")).toEqual(["nodedown app@n1 reason=connection_closed"]);
  });

  it("keeps a TLS alert, which says why a node of a TLS cluster got no connection", () => {
    const tail = "=NOTICE REPORT==== 2-Dec-2026::17:53:52.100000 ===\nTLS server: In state certify received CLIENT ALERT: Fatal - Unknown CA\n";
    expect(tellingLines(tail)).toEqual(["TLS server: In state certify received CLIENT ALERT: Fatal - Unknown CA"]);
  });
});
