import { describe, expect, it } from "vitest";
import { checkViewsAgree, disagreements, VIEWS_AGREE, type FaultSpan } from "../../src/checks/view-agreement.js";
import { timelineOf } from "../../src/checks/view-timeline.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";
import type { AgentEvent } from "../../src/probe/replies.js";

const NODES = ["app@n1", "app@n2", "app@n3"];
const timeOf = (atMs: number) => `t=${Math.round(atMs)}`;
const WINDOW = { fromMs: 0, untilMs: 12_000 };

interface LogOf {
  /** The digest each layer had at the window's start. */
  views?: Record<string, number | null>;
  /** Peers at the window's start (default: every other node). */
  peers?: string[];
  changes?: { layer: string; digest: number | null; atMs: number }[];
  signals?: AgentEvent[];
  startedAtMs?: number;
  lostUntilMs?: number | null;
}

function node(name: string, log: LogOf | null): NodeObservation {
  if (!log) return { node: name, status: "ok", atMs: WINDOW.untilMs, events: [] };
  return {
    node: name,
    status: "ok",
    atMs: WINDOW.untilMs,
    events: log.signals ?? [],
    views: {
      startedAtMs: log.startedAtMs ?? -60_000,
      lostUntilMs: log.lostUntilMs ?? null,
      atStart: { peers: log.peers ?? NODES.filter((n) => n !== name), views: log.views ?? { "pg demo": 1 } },
      changes: log.changes ?? [],
    },
  };
}

/** pg members that change every `everyMs`, every node logging each change up to `lagMs` after the first. */
function churn(everyMs: number, lag: (node: string, change: number) => number): Map<string, LogOf["changes"]> {
  return new Map(NODES.map((n) => [n, Array.from({ length: Math.floor(WINDOW.untilMs / everyMs) }, (_, i) => ({ layer: "pg demo", digest: 100 + i, atMs: (i + 1) * everyMs + lag(n, i) }))]));
}

describe("checkViewsAgree", () => {
  it("passes members that churn every 300 ms with views that agree within the poll's lag, and says the longest disagreement", () => {
    const changes = churn(300, (n, i) => (n === "app@n2" ? 45 : n === "app@n3" ? (i % 7) * 10 : 0));
    const result = checkViewsAgree(NODES.map((n) => node(n, { changes: changes.get(n)! })), WINDOW, undefined, timeOf);
    expect(result).toEqual({ name: VIEWS_AGREE, verdict: "pass", detail: "3 nodes' views agreed within their settle times; longest disagreement: pg scope demo 60 ms" });
  });

  it("fails a node whose pg view stays stale for 1.5 s out of every 3 s while members churn, naming the layer, the nodes and the time", () => {
    // app@n3 logs no change while it is stale, then catches up at once
    const changes = churn(300, () => 0);
    const stale = (atMs: number) => atMs % 3000 >= 1500;
    const n3 = changes.get("app@n3")!.map((c) => (stale(c.atMs) ? { ...c, atMs: Math.ceil(c.atMs / 3000) * 3000 } : c));
    const result = checkViewsAgree(
      NODES.map((n) => node(n, { changes: n === "app@n3" ? n3 : changes.get(n)! })),
      WINDOW,
      undefined,
      timeOf,
    );
    expect(result.verdict).toBe("fail");
    expect(result.detail).toMatch(/^pg scope demo: app@n1 and app@n3 disagreed for 1500 ms from t=1500 \(it settles within 500 ms\); pg scope demo: app@n2 and app@n3 disagreed for 1500 ms from t=1500/);
  });

  it("does not compare nodes that are not connected to each other (a partition), and compares them again once they are", () => {
    const partitioned = { peers: ["app@n2"], views: { "pg demo": 1 } };
    const n3 = { peers: [], views: { "pg demo": 9 } };
    const apart = checkViewsAgree([node("app@n1", partitioned), node("app@n3", n3)], WINDOW, undefined, timeOf);
    expect(apart.verdict).toBe("pass");

    const rejoined = { ...n3, signals: [{ kind: "nodeup" as const, node: "app@n1", reason: "", atMs: 2000 }] };
    const n1 = { ...partitioned, signals: [{ kind: "nodeup" as const, node: "app@n3", reason: "", atMs: 2100 }] };
    const together = checkViewsAgree([node("app@n1", n1), node("app@n3", rejoined)], WINDOW, undefined, timeOf);
    expect(together).toMatchObject({ verdict: "fail", detail: "pg scope demo: app@n1 and app@n3 disagreed for 9900 ms from t=2100 (it settles within 500 ms)" });
  });

  it("excuses a fault's separated nodes until it healed, then gives them the settle time", () => {
    const fault = (healedAtMs: number): FaultSpan => ({ fromMs: 1000, untilMs: healedAtMs, separates: (a, b) => [a, b].includes("app@n3"), restarts: () => false });
    const logs = [node("app@n1", {}), node("app@n2", {}), node("app@n3", { changes: [{ layer: "pg demo", digest: 2, atMs: 1200 }, { layer: "pg demo", digest: 1, atMs: 5300 }] })];
    expect(checkViewsAgree(logs, WINDOW, fault(5000), timeOf)).toMatchObject({ verdict: "pass", detail: expect.stringContaining("pg scope demo 300 ms") });
    expect(checkViewsAgree(logs, WINDOW, fault(4000), timeOf)).toMatchObject({
      verdict: "fail",
      detail: "pg scope demo: app@n1 and app@n3 disagreed for 1300 ms from t=4000 (it settles within 500 ms); pg scope demo: app@n2 and app@n3 disagreed for 1300 ms from t=4000 (it settles within 500 ms)",
    });
    const unrelated: FaultSpan = { ...fault(5000), separates: (a, b) => [a, b].includes("app@n1") && [a, b].includes("app@n2") };
    expect(checkViewsAgree(logs, WINDOW, unrelated, timeOf).verdict).toBe("fail");
  });

  it("judges a disagreement that began just before the fault by its part before the fault and its part after the heal", () => {
    // app@n1 and app@n2 move to digest 2 at 990 ms; app@n3 is paused from 1000 ms (it logs nothing) and catches up after the heal at 5000 ms
    const pause: FaultSpan = { fromMs: 1000, untilMs: 5000, separates: (a, b) => [a, b].includes("app@n3"), restarts: () => false };
    const moved = { changes: [{ layer: "pg demo", digest: 2, atMs: 990 }] };
    const catchUp = (atMs: number) => node("app@n3", { changes: [{ layer: "pg demo", digest: 2, atMs }] });
    expect(checkViewsAgree([node("app@n1", moved), node("app@n2", moved), catchUp(5200)], WINDOW, pause, timeOf)).toMatchObject({
      verdict: "pass",
      detail: expect.stringContaining("pg scope demo 200 ms"),
    });
    expect(checkViewsAgree([node("app@n1", moved), node("app@n2", moved), catchUp(5800)], WINDOW, pause, timeOf)).toMatchObject({
      verdict: "fail",
      detail: expect.stringMatching(/^pg scope demo: app@n1 and app@n3 disagreed for 800 ms from t=5000/),
    });
    const early = { changes: [{ layer: "pg demo", digest: 2, atMs: 300 }] };
    expect(checkViewsAgree([node("app@n1", early), node("app@n2", early), catchUp(5200)], WINDOW, pause, timeOf)).toMatchObject({
      verdict: "fail",
      detail: expect.stringMatching(/^pg scope demo: app@n1 and app@n3 disagreed for 700 ms from t=300/),
    });
  });

  it("judges each layer by its own settle time, and only where both nodes run it", () => {
    const global = (digest: number, atMs: number) => ({ layer: "global", digest, atMs });
    const logs = [
      node("app@n1", { views: { global: 1, mnesia: 5, "pg jobs": 3 }, changes: [global(2, 1000)] }),
      node("app@n2", { views: { global: 1, mnesia: 6, "pg jobs": null }, changes: [global(2, 1400)] }),
    ];
    const result = checkViewsAgree(logs, WINDOW, undefined, timeOf);
    expect(result).toMatchObject({ verdict: "fail", detail: "Mnesia's running db nodes: app@n1 and app@n2 disagreed for 12000 ms from t=0 (it settles within 2000 ms)" });
    const short = checkViewsAgree([logs[0]!, node("app@n2", { views: { global: 1, mnesia: 5 }, changes: [global(2, 1600)] })], WINDOW, undefined, timeOf);
    expect(short).toMatchObject({ verdict: "fail", detail: "global's names: app@n1 and app@n2 disagreed for 600 ms from t=1000 (it settles within 500 ms)" });
  });

  it("is unknown, with the reason, when a node has no log, or its log began or lost events after the window began", () => {
    const healthy = [node("app@n1", {}), node("app@n2", {})];
    expect(checkViewsAgree([...healthy, node("app@n3", null)], WINDOW, undefined, timeOf)).toMatchObject({ verdict: "unknown", detail: "app@n3: no event log to read" });
    const late = node("app@n3", { startedAtMs: 3000 });
    expect(checkViewsAgree([...healthy, late], WINDOW, undefined, timeOf)).toMatchObject({
      verdict: "unknown",
      detail: "app@n3: its event log began at t=3000, after the window began at t=0",
    });
    const overflowed = node("app@n3", { lostUntilMs: 2500 });
    expect(checkViewsAgree([...healthy, overflowed], WINDOW, undefined, timeOf)).toMatchObject({
      verdict: "unknown",
      detail: "app@n3: its event log overflowed its cap and lost events up to t=2500",
    });
    const unreachable: NodeObservation = { node: "app@n3", status: "unreachable", reason: "container stopped", atMs: 0 };
    expect(checkViewsAgree([...healthy, unreachable], WINDOW, undefined, timeOf).detail).toBe("app@n3: no event log to read (unreachable: container stopped)");
  });

  it("takes a log that began anew with the VM a fault restarted, and still fails what the other nodes' logs show", () => {
    const killed: FaultSpan = { fromMs: 1000, untilMs: 6000, separates: (a, b) => [a, b].includes("app@n3"), restarts: (n) => n === "app@n3" };
    const restarted = node("app@n3", { startedAtMs: 3000, peers: [], views: {}, signals: [{ kind: "nodeup", node: "app@n1", reason: "", atMs: 4000 }], changes: [{ layer: "pg demo", digest: 1, atMs: 3000 }] });
    expect(checkViewsAgree([node("app@n1", {}), restarted], WINDOW, killed, timeOf).verdict).toBe("pass");
    const split = node("app@n2", { views: { "pg demo": 7 } });
    expect(checkViewsAgree([node("app@n1", {}), split, restarted], WINDOW, killed, timeOf)).toMatchObject({
      verdict: "fail",
      detail: "pg scope demo: app@n1 and app@n2 disagreed for 12000 ms from t=0 (it settles within 500 ms)",
    });
  });
  it("takes a VM restarted in its container, whose log goes on from its file, as seeing nothing until it logs its views again", () => {
    const up = (node: string, atMs: number): AgentEvent => ({ kind: "nodeup", node, reason: "", atMs });
    const down = (node: string, atMs: number): AgentEvent => ({ kind: "nodedown", node, reason: "connection_closed", atMs });
    const n1 = node("app@n1", { peers: ["app@n3"], changes: [{ layer: "pg demo", digest: 2, atMs: 1000 }], signals: [down("app@n3", 900), up("app@n3", 3100)] });
    const restarted: AgentEvent = { kind: "restarted", node: "app@n3", reason: "", atMs: 3000 };
    const n3 = (signals: AgentEvent[]) => node("app@n3", { peers: ["app@n1"], changes: [{ layer: "pg demo", digest: 2, atMs: 3700 }], signals });
    expect(checkViewsAgree([n1, n3([restarted, up("app@n1", 3100)])], WINDOW, undefined, timeOf).verdict).toBe("pass");
    expect(checkViewsAgree([n1, n3([up("app@n1", 3100)])], WINDOW, undefined, timeOf)).toMatchObject({
      verdict: "fail",
      detail: "pg scope demo: app@n1 and app@n3 disagreed for 600 ms from t=3100 (it settles within 500 ms)",
    });
  });
});

describe("disagreements", () => {
  it("finds each stretch in which two connected nodes held different digests, closing one at the window's end", () => {
    const a = timelineOf({ startedAtMs: 0, lostUntilMs: null, atStart: { peers: ["b"], views: { global: 1 } }, changes: [{ layer: "global", digest: 2, atMs: 100 }] }, [], 0);
    const b = timelineOf(
      { startedAtMs: 0, lostUntilMs: null, atStart: { peers: ["a"], views: { global: 1 } }, changes: [{ layer: "global", digest: 2, atMs: 180 }, { layer: "global", digest: 3, atMs: 500 }] },
      [],
      0,
    );
    expect(disagreements(new Map([["a", a], ["b", b]]), 800)).toEqual([
      { layer: "global", nodes: ["a", "b"], fromMs: 100, untilMs: 180 },
      { layer: "global", nodes: ["a", "b"], fromMs: 500, untilMs: 800 },
    ]);
  });
});
