import { describe, it, expect, expectTypeOf } from "vitest";
import { expectationOf } from "../../src/faults/index.js";
import { fullMesh } from "../../src/checks/mesh.js";
import type { FaultPlan } from "../../src/faults/index.js";
import { killMany } from "../../src/faults/kill-many.js";
import { kill } from "../../src/faults/kill.js";
import { stop } from "../../src/faults/stop.js";

const NODES = ["app@n1", "app@n2", "app@n3", "app@n4", "app@n5"];

function plan(fields: Partial<FaultPlan> & Pick<FaultPlan, "kind">): FaultPlan {
  return { index: 1, targets: ["app@n2"], durationMs: 1_000, waitBeforeMs: 0, ...fields } as FaultPlan;
}

/** app@n1 and app@n2 against app@n3, app@n4 and app@n5. */
const HALVES: Record<string, string[]> = {
  "app@n1": ["app@n2"],
  "app@n2": ["app@n1"],
  "app@n3": ["app@n4", "app@n5"],
  "app@n4": ["app@n3", "app@n5"],
  "app@n5": ["app@n3", "app@n4"],
};

/** app@n3 alone. */
const ISOLATE_N3: Record<string, string[]> = {
  "app@n1": ["app@n2", "app@n4", "app@n5"],
  "app@n2": ["app@n1", "app@n4", "app@n5"],
  "app@n3": [],
  "app@n4": ["app@n1", "app@n2", "app@n5"],
  "app@n5": ["app@n1", "app@n2", "app@n4"],
};

const link = (observer: string, lost: string) => ({ observer, lost });
const sortLinks = (links: { observer: string; lost: string }[]) =>
  [...links].sort((a, b) => `${a.observer} ${a.lost}`.localeCompare(`${b.observer} ${b.lost}`));

describe("expectationOf", () => {
  it.each(["kill", "kill-many", "stop"] as const)("%s: targets stopped and reincarnated, the others observed as a full mesh of their own", (kind) => {
    const targets = ["app@n2", "app@n4"];
    const others = ["app@n1", "app@n3", "app@n5"];
    const e = expectationOf(plan({ kind, targets }), NODES, "harness");
    expect(e.stopped).toEqual(targets);
    expect(e.reincarnated).toEqual(targets);
    expect(e.paused).toEqual([]);
    expect(e.restartedByEngine).toEqual([]);
    expect(e.observable).toEqual(others);
    expect(e.view).toEqual(fullMesh(others));
    expect(e.exactView).toBe(true);
    expect(e.nodedownReason).toBeUndefined();
    expect(sortLinks(e.lostLinks)).toEqual(sortLinks(others.flatMap((o) => targets.map((t) => link(o, t)))));
  });

  it("crash: the engine restarts the targets, which come back reincarnated; no stable view to demand", () => {
    const e = expectationOf(plan({ kind: "crash", targets: ["app@n5"], durationMs: 0 }), NODES, "harness");
    expect(e.restartedByEngine).toEqual(["app@n5"]);
    expect(e.reincarnated).toEqual(["app@n5"]);
    expect(e.stopped).toEqual([]);
    expect(e.paused).toEqual([]);
    expect(e.observable).toEqual(["app@n1", "app@n2", "app@n3", "app@n4"]);
    expect(e.view).toBeNull();
    expect(e.lostLinks).toEqual(["app@n1", "app@n2", "app@n3", "app@n4"].map((o) => link(o, "app@n5")));
  });

  it("pause: the targets are paused, not reincarnated, and lost through the tick", () => {
    const e = expectationOf(plan({ kind: "pause", targets: ["app@n1"] }), NODES, "harness");
    const others = ["app@n2", "app@n3", "app@n4", "app@n5"];
    expect(e.paused).toEqual(["app@n1"]);
    expect(e.stopped).toEqual([]);
    expect(e.reincarnated).toEqual([]);
    expect(e.restartedByEngine).toEqual([]);
    expect(e.observable).toEqual(others);
    expect(e.view).toEqual(fullMesh(others));
    expect(e.exactView).toBe(true);
    expect(e.nodedownReason).toBe("net_tick_timeout");
    expect(e.lostLinks).toEqual(others.map((o) => link(o, "app@n1")));
  });

  it("partition (iptables): every node observable, the planned view at most, every cut pair in both directions", () => {
    const e = expectationOf(plan({ kind: "partition", targets: ["app@n1", "app@n2"], shape: "halves", method: "iptables", view: HALVES }), NODES, "harness");
    expect(e.observable).toEqual(NODES);
    expect(e.exactView).toBe(false);
    expect(e.view).toEqual(new Map(Object.entries(HALVES)));
    expect(e.stopped).toEqual([]);
    expect(e.paused).toEqual([]);
    expect(e.reincarnated).toEqual([]);
    expect(e.restartedByEngine).toEqual([]);
    const small = ["app@n1", "app@n2"];
    const big = ["app@n3", "app@n4", "app@n5"];
    const expected = [...small.flatMap((a) => big.map((b) => link(a, b))), ...big.flatMap((b) => small.map((a) => link(b, a)))];
    expect(sortLinks(e.lostLinks)).toEqual(sortLinks(expected));
    expect(e.lostLinks).toHaveLength(12);
  });

  it("partition (disconnect): the cut-off target cannot be asked; the others lose it", () => {
    const e = expectationOf(plan({ kind: "partition", targets: ["app@n3"], shape: "isolate", method: "disconnect", view: ISOLATE_N3 }), NODES, "harness");
    const others = ["app@n1", "app@n2", "app@n4", "app@n5"];
    expect(e.observable).toEqual(others);
    expect([...e.view!.keys()]).toEqual(others);
    expect(e.view!.get("app@n1")).toEqual(["app@n2", "app@n4", "app@n5"]);
    expect(e.exactView).toBe(false);
    expect(sortLinks(e.lostLinks)).toEqual(sortLinks(others.map((o) => link(o, "app@n3"))));
  });

  it("delay: nothing is lost, every node still sees every other", () => {
    const e = expectationOf(plan({ kind: "delay", targets: ["app@n4"], delayMs: 200 }), NODES, "harness");
    expect(e.observable).toEqual(NODES);
    expect(e.view).toEqual(fullMesh(NODES));
    expect(e.exactView).toBe(true);
    expect(e.lostLinks).toEqual([]);
    expect(e.stopped).toEqual([]);
    expect(e.reincarnated).toEqual([]);
  });
});

describe("expectationOf on swarm", () => {
  it.each(["kill", "kill-many", "stop"] as const)("%s: swarm restarts the targets, as after a crash: nothing stopped, no stable view", (kind) => {
    const targets = ["app@n2", "app@n4"];
    const others = ["app@n1", "app@n3", "app@n5"];
    const e = expectationOf(plan({ kind, targets }), NODES, "swarm");
    expect(e.restartedByEngine).toEqual(targets);
    expect(e.reincarnated).toEqual(targets);
    expect(e.stopped).toEqual([]);
    expect(e.paused).toEqual([]);
    expect(e.observable).toEqual(others);
    expect(e.view).toBeNull();
    expect(e.nodedownReason).toBeUndefined();
    expect(sortLinks(e.lostLinks)).toEqual(sortLinks(others.flatMap((o) => targets.map((t) => link(o, t)))));
    expect(e).toEqual(expectationOf(plan({ kind: "crash", targets }), NODES, "harness"));
  });

  it.each([
    ["kill", kill],
    ["kill-many", killMany],
    ["stop", stop],
  ] as const)("%s: the restarter must be said (no default), and the harness's is its module's", (kind, module) => {
    expectTypeOf<Parameters<typeof expectationOf>>().toEqualTypeOf<[FaultPlan, readonly string[], "harness" | "swarm"]>();
    const p = plan({ kind, targets: ["app@n3"] });
    expect(expectationOf(p, NODES, "harness")).toEqual(module.expect(p as never, NODES, "harness"));
    expect(expectationOf(p, NODES, "harness").stopped).toEqual(["app@n3"]);
  });

  it("crash: the same on swarm as on the harness", () => {
    const p = plan({ kind: "crash", targets: ["app@n5"], durationMs: 0 });
    expect(expectationOf(p, NODES, "swarm")).toEqual(expectationOf(p, NODES, "harness"));
  });

  it.each([
    ["pause", plan({ kind: "pause", targets: ["app@n1"] })],
    ["partition (iptables)", plan({ kind: "partition", targets: ["app@n1", "app@n2"], shape: "halves", method: "iptables", view: HALVES })],
    ["partition (disconnect)", plan({ kind: "partition", targets: ["app@n3"], shape: "isolate", method: "disconnect", view: ISOLATE_N3 })],
    ["delay", plan({ kind: "delay", targets: ["app@n4"], delayMs: 200 })],
    ["loss", plan({ kind: "loss", targets: ["app@n4"], probability: 0.3 })],
  ] as const)("%s: unchanged on swarm", (_name, p) => {
    expect(expectationOf(p, NODES, "swarm")).toEqual(expectationOf(p, NODES, "harness"));
  });
});
