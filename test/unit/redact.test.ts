import { describe, expect, it } from "vitest";
import { REDACTED, redactOutcome } from "../../src/probe/redact.js";
import type { ProbeOutcome } from "../../src/probe/probe-outcome.js";

const crashed: ProbeOutcome = {
  status: "crashed",
  reason: 'probe exited 1: escript: exception error: binary_to_atom(<<"s3cr3t\\"x">>, utf8) | cookie s3cr3t"x',
  answers: [
    { op: "info", ok: false, node: "app@n1", error: "error:{badarg,<<\"s3cr3t\\\"x\">>}" },
    { op: "mesh", ok: true, node: "app@n1", result: { nodes: [] } },
  ],
};

describe("redactOutcome", () => {
  it("hides a secret in the reason and in error answers, as given and as Erlang prints it in a string", () => {
    const redacted = redactOutcome(crashed, ['s3cr3t"x']);
    expect(JSON.stringify(redacted)).not.toContain("s3cr3t");
    expect(redacted.reason).toBe(`probe exited 1: escript: exception error: binary_to_atom(<<"${REDACTED}">>, utf8) | cookie ${REDACTED}`);
    expect(redacted.answers[0]).toEqual({ op: "info", ok: false, node: "app@n1", error: `error:{badarg,<<"${REDACTED}">>}` });
    expect(redacted.answers[1]).toBe(crashed.answers[1]);
  });

  it("leaves an outcome alone when there is no secret to hide", () => {
    expect(redactOutcome(crashed)).toBe(crashed);
    expect(redactOutcome(crashed, [""])).toBe(crashed);
  });
});
