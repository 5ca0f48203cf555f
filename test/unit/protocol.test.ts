import { describe, it, expect } from "vitest";
import { parseAnswerLines, ProbeProtocolError } from "../../src/probe/protocol.js";
import { agentEventsSchema, discoverSchema, layersSchema, meshSchema, nodeInfoSchema, pgViewSchema, registerSchema, unregisterSchema } from "../../src/probe/replies.js";

describe("parseAnswerLines", () => {
  it("parses ok and error answers, one per line, skipping blank lines", () => {
    const stdout = [
      JSON.stringify({ op: "info", ok: true, node: "a@h", result: { otp: "25" } }),
      "",
      "   ",
      JSON.stringify({ op: "pg", ok: false, node: "a@h", error: "no such scope" }),
      "",
    ].join("\n");
    expect(parseAnswerLines(stdout)).toEqual([
      { op: "info", ok: true, node: "a@h", result: { otp: "25" } },
      { op: "pg", ok: false, node: "a@h", error: "no such scope" },
    ]);
  });

  it("returns no answers for empty output", () => {
    expect(parseAnswerLines("\n\n")).toEqual([]);
  });

  it("throws ProbeProtocolError on a line that is not JSON", () => {
    const stdout = `${JSON.stringify({ op: "mesh", ok: true, node: "a@h", result: { nodes: [] } })}\n{"init terminating in do_boot"`;
    expect(() => parseAnswerLines(stdout)).toThrow(ProbeProtocolError);
    expect(() => parseAnswerLines(stdout)).toThrow(/not JSON.*init terminating/);
  });

  it("throws ProbeProtocolError on a JSON line of the wrong shape", () => {
    const missingNode = JSON.stringify({ op: "mesh", ok: true, result: {} });
    expect(() => parseAnswerLines(missingNode)).toThrow(ProbeProtocolError);
    expect(() => parseAnswerLines(missingNode)).toThrow(/unexpected answer/);
    const errorWithoutReason = JSON.stringify({ op: "pg", ok: false, node: "a@h" });
    expect(() => parseAnswerLines(errorWithoutReason)).toThrow(ProbeProtocolError);
    expect(() => parseAnswerLines("[1,2,3]")).toThrow(ProbeProtocolError);
  });
});

describe("nodeInfoSchema", () => {
  it("renames the wire fields", () => {
    const parsed = nodeInfoSchema.parse({ otp: "27", otp_version: "27.1.2", kernel: "10.1.2", creation: 1700000001, os_pid: "57" });
    expect(parsed).toEqual({ otpRelease: "27", otpVersion: "27.1.2", kernelVersion: "10.1.2", creation: 1700000001, osPid: "57" });
  });

  it("accepts an unknown OTP version as null", () => {
    expect(nodeInfoSchema.parse({ otp: "25", otp_version: null, kernel: null, creation: 3, os_pid: "9" }).otpVersion).toBeNull();
  });

  it("rejects a non-integer creation or a missing os_pid", () => {
    expect(nodeInfoSchema.safeParse({ otp: "25", otp_version: null, kernel: null, creation: 1.5, os_pid: "9" }).success).toBe(false);
    expect(nodeInfoSchema.safeParse({ otp: "25", otp_version: null, kernel: null, creation: 1 }).success).toBe(false);
  });
});

describe("meshSchema", () => {
  it("yields the node list", () => {
    expect(meshSchema.parse({ nodes: ["b@h", "c@h"] })).toEqual(["b@h", "c@h"]);
  });
});

describe("pgViewSchema", () => {
  const view = {
    scope: "meshproof",
    groups: [
      {
        group: "pool",
        members: [
          { node: "a@h", id: "0.90.0", creation: 1 },
          { node: "b@h", id: "0.90.0", creation: 2 },
        ],
        local: [{ node: "a@h", id: "0.90.0", creation: 1 }],
      },
    ],
  };

  it("parses a pg view with pids", () => {
    expect(pgViewSchema.parse(view)).toEqual(view);
  });

  it("rejects a pid without a creation", () => {
    const broken = structuredClone(view);
    delete (broken.groups[0]!.members[1] as { creation?: number }).creation;
    expect(pgViewSchema.safeParse(broken).success).toBe(false);
  });

  it("rejects a group without local members listed", () => {
    expect(pgViewSchema.safeParse({ scope: "meshproof", groups: [{ group: "pool", members: [] }] }).success).toBe(false);
  });
});

describe("layersSchema", () => {
  const pid = { node: "app@n2", id: "0.104.0", creation: 7 };
  const wire = (state: unknown) => ({ pg: [], global: { names: [], sync: "timeout", state }, mnesia: null, invariants: [] });

  it("reads global's own state of its peers as the probe writes it: synced, pending, the holders of its lock", () => {
    const parsed = layersSchema.parse(wire({ known: ["app@n2"], pending: ["app@n3"], lock_holders: [pid] }));
    expect(parsed.global.state).toEqual({ known: ["app@n2"], pending: ["app@n3"], lockHolders: [pid] });
  });

  it("takes null for a state the node could not give, and refuses one without its pending syncs", () => {
    expect(layersSchema.parse(wire(null)).global.state).toBeNull();
    expect(layersSchema.safeParse(wire({ known: [], lock_holders: [] })).success).toBe(false);
  });
});

describe("agentEventsSchema", () => {
  const log = (events: unknown[]) => ({ events, since_ms: 1_700_000_000_000, lost_until_ms: null, at_start: { peers: ["app@n2"], views: [{ layer: "pg demo", digest: 7 }] } });

  it("reads a node's signals with their wall-clock time, apart from its views' changes", () => {
    const answer = log([
      { kind: "nodedown", node: "app@n3", reason: "connection_closed", at_ms: 1_700_000_000_123 },
      { kind: "view", node: "app@n1", reason: "", layer: "global", digest: 42, at_ms: 1_700_000_000_124 },
      { kind: "mnesia_down", node: "app@n3", reason: "", at_ms: 1_700_000_000_125 },
    ]);
    expect(agentEventsSchema.parse(answer)).toEqual({
      signals: [
        { kind: "nodedown", node: "app@n3", reason: "connection_closed", atMs: 1_700_000_000_123 },
        { kind: "mnesia_down", node: "app@n3", reason: "", atMs: 1_700_000_000_125 },
      ],
      log: { startedAtMs: 1_700_000_000_000, lostUntilMs: null, atStart: { peers: ["app@n2"], views: { "pg demo": 7 } }, changes: [{ layer: "global", digest: 42, atMs: 1_700_000_000_124 }] },
    });
  });

  it("says undefined when no recorder runs on the node (null), and no signal when one runs and saw nothing", () => {
    expect(agentEventsSchema.parse({ events: null })).toBeUndefined();
    expect(agentEventsSchema.parse(log([]))?.signals).toEqual([]);
  });

  it("rejects an event of another kind, and a log that does not say since when it is complete", () => {
    expect(agentEventsSchema.safeParse(log([{ kind: "nodemoved", node: "a@h", reason: "", at_ms: 1 }])).success).toBe(false);
    expect(agentEventsSchema.safeParse({ events: [] }).success).toBe(false);
  });
});

describe("discoverSchema, registerSchema, unregisterSchema", () => {
  it("reads what discover found", () => {
    expect(discoverSchema.parse({ host: "n1", names: ["app"] })).toEqual({ host: "n1", names: ["app"] });
    expect(discoverSchema.safeParse({ host: "n1" }).success).toBe(false);
  });

  it("reads a register answer, refused or not", () => {
    const pid = { node: "app@n1", id: "93.0", creation: 1700000000 };
    expect(registerSchema.parse({ pid, registered: false })).toEqual({ pid, registered: false });
    expect(registerSchema.safeParse({ pid: "<0.93.0>", registered: true }).success).toBe(false);
  });

  it("yields whether unregister killed a holder", () => {
    expect(unregisterSchema.parse({ killed: true })).toBe(true);
  });
});
