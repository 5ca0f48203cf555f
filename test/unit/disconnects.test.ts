import { describe, expect, it } from "vitest";
import { checkNoUnexpectedDisconnect } from "../../src/checks/disconnects.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";

function observer(node: string, downs: { node: string; atMs: number }[] | null): NodeObservation {
  const events = downs?.map((d) => ({ kind: "nodedown" as const, node: d.node, reason: "connection_closed", atMs: d.atMs }));
  return { node, status: "ok", atMs: 0, ...(events ? { events } : {}) };
}

const nothingExplained = () => false;
const timeOf = (atMs: number) => `t=${atMs}`;

describe("checkNoUnexpectedDisconnect", () => {
  it("fails a nodedown no fault explains, naming both nodes and the time", () => {
    const result = checkNoUnexpectedDisconnect([observer("app@n1", [{ node: "app@n3", atMs: 50 }]), observer("app@n2", [])], { fromMs: 0, untilMs: 100 }, nothingExplained, timeOf);
    expect(result).toEqual({ name: "no unexpected disconnect", verdict: "fail", detail: "app@n1 lost app@n3 at t=50 (connection_closed), which no fault explains" });
  });

  it("passes nodedowns the fault explains, and counts them", () => {
    const result = checkNoUnexpectedDisconnect([observer("app@n1", [{ node: "app@n2", atMs: 50 }])], { fromMs: 0, untilMs: 100 }, (d) => d.lost === "app@n2", timeOf);
    expect(result).toMatchObject({ verdict: "pass", detail: "each of 1 nodedowns came from a fault" });
  });

  it("is unknown, not pass, when a node keeps no event log", () => {
    const result = checkNoUnexpectedDisconnect([observer("app@n1", []), observer("app@n2", null)], { fromMs: 0, untilMs: 100 }, nothingExplained, timeOf);
    expect(result).toMatchObject({ verdict: "unknown", detail: "no node event log to read on app@n2" });
  });

  it("judges an event logged in a window's last millisecond in exactly one of two consecutive windows", () => {
    for (const atMs of [98.6, 99, 99.4, 100, 100.2]) {
      const looks = [observer("app@n1", [{ node: "app@n3", atMs }])];
      const first = checkNoUnexpectedDisconnect(looks, { fromMs: 0, untilMs: 100.3 }, nothingExplained, timeOf);
      const second = checkNoUnexpectedDisconnect(looks, { fromMs: 100.3, untilMs: 200 }, nothingExplained, timeOf);
      expect([first.verdict, second.verdict].filter((v) => v === "fail"), `event at ${atMs}`).toHaveLength(1);
    }
  });

  it("judges Mnesia's own failure signals like nodedowns, naming the layer", () => {
    const mnesia: NodeObservation = {
      node: "app@n1",
      status: "ok",
      atMs: 0,
      events: [
        { kind: "mnesia_down", node: "app@n2", reason: "", atMs: 40 },
        { kind: "inconsistent_database", node: "app@n3", reason: "running_partitioned_network", atMs: 60 },
        { kind: "nodeup", node: "app@n3", reason: "", atMs: 59 },
      ],
    };
    expect(checkNoUnexpectedDisconnect([mnesia], { fromMs: 0, untilMs: 100 }, nothingExplained, timeOf)).toEqual({
      name: "no unexpected disconnect",
      verdict: "fail",
      detail:
        "Mnesia: app@n1 saw mnesia_down of app@n2 at t=40, which no fault explains; Mnesia: app@n1 reported inconsistent_database (running_partitioned_network) about app@n3 at t=60, which no fault explains",
    });
    const explained = checkNoUnexpectedDisconnect([mnesia], { fromMs: 0, untilMs: 100 }, () => true, timeOf);
    expect(explained).toMatchObject({ verdict: "pass", detail: "each of 2 signals (mnesia_down, inconsistent_database) came from a fault" });
  });

  it("is unknown, with the reason, when a node's log began after the window began, unless the fault restarted that node", () => {
    const late: NodeObservation = { ...observer("app@n2", []), views: { startedAtMs: 30, lostUntilMs: null, atStart: { peers: [], views: {} }, changes: [] } };
    const window = { fromMs: 0, untilMs: 100 };
    expect(checkNoUnexpectedDisconnect([observer("app@n1", []), late], window, nothingExplained, timeOf)).toMatchObject({
      verdict: "unknown",
      detail: "app@n2: its event log began at t=30, after the window began at t=0",
    });
    const killed = { fromMs: 10, untilMs: 90, restarts: (node: string) => node === "app@n2" };
    expect(checkNoUnexpectedDisconnect([observer("app@n1", []), late], window, nothingExplained, timeOf, killed).verdict).toBe("pass");
  });
});
