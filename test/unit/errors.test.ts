import { describe, it, expect } from "vitest";
import { ClusterNotReady, errorMessage, HarnessError } from "../../src/errors.js";

const checks = {
  mesh: { name: "mesh", verdict: "fail" as const, detail: "app@n3 sees no peer" },
  pg: { name: "pg converged", verdict: "unknown" as const, detail: "pool: app@n3 did not answer" },
};

describe("ClusterNotReady", () => {
  it("is a harness error with its own name", () => {
    const error = new ClusterNotReady(checks, {});
    expect(error).toBeInstanceOf(HarnessError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ClusterNotReady");
  });

  it("lists the details of the checks that did not pass, and not of those that did", () => {
    const { message } = new ClusterNotReady(checks, {});
    expect(message.split("\n").slice(0, 3)).toEqual([
      "the cluster did not become ready within its deadline (--ready-deadline):",
      "app@n3 sees no peer",
      "pool: app@n3 did not answer",
    ]);
    const meshFine = new ClusterNotReady({ ...checks, mesh: { name: "mesh", verdict: "pass", detail: "every node sees every peer" } }, {}).message;
    expect(meshFine.split("\n").slice(0, 2)).toEqual(["the cluster did not become ready within its deadline (--ready-deadline):", "pool: app@n3 did not answer"]);
    expect(meshFine).not.toContain("every node sees every peer");
  });

  it("gives each node's log tail under its name", () => {
    const { message } = new ClusterNotReady(checks, { "app@n1": "started\nconnected", "app@n3": "** Generic server pg terminating" });
    expect(message).toContain("last log lines:\n--- app@n1 ---\nstarted\nconnected\n--- app@n3 ---\n** Generic server pg terminating");
  });

  it("gives at most the last 10 lines of a node's log", () => {
    const tail = Array.from({ length: 15 }, (_, i) => `line ${i + 1}`).join("\n");
    const { message } = new ClusterNotReady(checks, { "app@n1": tail });
    const shown = message.split("--- app@n1 ---\n")[1]!.split("\n");
    expect(shown).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i + 6}`));
  });

  it("keeps the checks and the whole logs for whoever digs", () => {
    const logs = { "app@n1": Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n") };
    const error = new ClusterNotReady(checks, logs);
    expect(error.checks).toEqual(checks);
    expect(error.logs).toEqual(logs);
    expect(error.logs["app@n1"]!.split("\n")).toHaveLength(30);
  });
});

describe("errorMessage", () => {
  it("gives an Error's message, and anything else thrown as text", () => {
    expect(errorMessage(new HarnessError("engine gone"))).toBe("engine gone");
    expect(errorMessage("plain string")).toBe("plain string");
    expect(errorMessage(42)).toBe("42");
  });
});
