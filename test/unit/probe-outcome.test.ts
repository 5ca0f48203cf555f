import { describe, it, expect } from "vitest";
import { outcomeOf } from "../../src/probe/probe-outcome.js";
import type { ProbeAnswer } from "../../src/probe/protocol.js";

const ok = (op: string): ProbeAnswer => ({ ok: true, op, node: "app@n1", result: {} });
const failed = (op: string, error: string): ProbeAnswer => ({ ok: false, op, node: "app@n1", error });

describe("outcomeOf", () => {
  it("is ok, with no reason, when every answer is", () => {
    const answers = [ok("info"), ok("mesh")];
    expect(outcomeOf(answers)).toEqual({ status: "ok", answers });
  });

  it("is ok for no answers at all", () => {
    expect(outcomeOf([]).status).toBe("ok");
  });

  it("is unreachable when the probe could not connect, and says it may be the cookie", () => {
    const answers = [failed("info", "unreachable")];
    const outcome = outcomeOf(answers);
    expect(outcome.status).toBe("unreachable");
    expect(outcome.reason).toMatch(/cookie/);
    expect(outcome.reason).toMatch(/cannot connect/);
    expect(outcome.answers).toBe(answers);
  });

  it("is unreachable when any answer is, even among other errors", () => {
    const outcome = outcomeOf([ok("info"), failed("mesh", "badarg"), failed("pg", "unreachable")]);
    expect(outcome.status).toBe("unreachable");
    expect(outcome.reason).toContain("cookie");
  });

  it("is crashed for other errors, each named by its op", () => {
    const answers = [ok("info"), failed("mesh", "badarg"), failed("pg", "{noproc,pg}")];
    expect(outcomeOf(answers)).toEqual({ status: "crashed", reason: "mesh: badarg; pg: {noproc,pg}", answers });
  });

  it("is crashed with the one error for a single failed answer", () => {
    expect(outcomeOf([failed("ping", "timeout")])).toMatchObject({ status: "crashed", reason: "ping: timeout" });
  });

  it("only counts the exact error unreachable as unreachable", () => {
    expect(outcomeOf([failed("info", "host unreachable")]).status).toBe("crashed");
    expect(outcomeOf([failed("info", "Unreachable")]).status).toBe("crashed");
  });
});
