import { describe, it, expect } from "vitest";
import { checkFaultApplied, detectTimeMs, type AppliedEvidence, type ContainerFacts } from "../../src/checks/fault-applied.js";
import { expectationOf, type FaultExpectation } from "../../src/faults/index.js";
import type { FaultPlan } from "../../src/faults/index.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";
import type { AgentEvent, ErlPid } from "../../src/probe/replies.js";

const N1 = "app@n1";
const N2 = "app@n2";
const N3 = "app@n3";
const N4 = "app@n4";
const N5 = "app@n5";
const NODES = [N1, N2, N3, N4, N5];
const FAULT_AT = 10_000;

function plan(fields: Partial<FaultPlan> & Pick<FaultPlan, "kind">): FaultPlan {
  return { index: 1, targets: [N3], durationMs: 1_000, waitBeforeMs: 0, ...fields } as FaultPlan;
}

function pid(node: string): ErlPid {
  return { node, id: "0.90.0", creation: 1 };
}

function nodedown(node: string, atMs = FAULT_AT + 500, reason = "connection_closed"): AgentEvent {
  return { kind: "nodedown", node, reason, atMs };
}

/** A node that answered: it sees `mesh`, pg holds its own member and its peers', and its agent logged `events`. */
function answered(node: string, mesh: string[], events: AgentEvent[]): NodeObservation {
  const members = [node, ...mesh].map(pid);
  return { node, status: "ok", mesh, pg: [{ scope: "meshproof", groups: [{ group: "pool", members, local: [pid(node)] }] }], events, atMs: FAULT_AT + 1_000 };
}

function container(fields: Partial<ContainerFacts> = {}): ContainerFacts {
  return { running: true, paused: false, ...fields };
}

/**
 * The evidence of a fault fully in place: every observable node sees exactly
 * its allowed peers and logged a nodedown (with `reason`) of each node it lost;
 * containers as `containers` says, every other one running.
 */
function applied(expectation: FaultExpectation, containers: Record<string, Partial<ContainerFacts>> = {}, reason?: string): AppliedEvidence {
  const observations = expectation.observable.map((node) => {
    const mesh = [...(expectation.view?.get(node) ?? NODES.filter((peer) => peer !== node && !expectation.lostLinks.some((l) => l.observer === node && l.lost === peer)))];
    const lost = expectation.lostLinks.filter((l) => l.observer === node).map((l) => l.lost);
    return answered(node, mesh, lost.map((peer) => nodedown(peer, FAULT_AT + 500, reason)));
  });
  return {
    observations,
    containers: Object.fromEntries(NODES.map((node) => [node, container(containers[node])])),
    engineRestarts: Object.fromEntries(expectation.restartedByEngine.map((node) => [node, 0])),
    faultAtMs: FAULT_AT,
  };
}

function observationOf(evidence: AppliedEvidence, node: string): NodeObservation {
  const found = evidence.observations.find((o) => o.node === node);
  if (!found) throw new Error(`test setup: ${node} was not observed`);
  return found;
}

/** The evidence with one node's observation replaced. */
function withObservation(evidence: AppliedEvidence, observation: NodeObservation): AppliedEvidence {
  return { ...evidence, observations: evidence.observations.map((o) => (o.node === observation.node ? observation : o)) };
}

/** app@n3 alone, the rest a full mesh. */
const ISOLATE_N3: Record<string, string[]> = Object.fromEntries(
  NODES.map((node) => [node, node === N3 ? [] : NODES.filter((peer) => peer !== node && peer !== N3)]),
);

/** app@n1, app@n2 | app@n3, app@n4, app@n5. */
const HALVES: Record<string, string[]> = {
  [N1]: [N2],
  [N2]: [N1],
  [N3]: [N4, N5],
  [N4]: [N3, N5],
  [N5]: [N3, N4],
};

const KILL = expectationOf(plan({ kind: "kill", targets: [N3] }), NODES, "harness");
const PAUSE = expectationOf(plan({ kind: "pause", targets: [N1] }), NODES, "harness");
const CRASH = expectationOf(plan({ kind: "crash", targets: [N3], durationMs: 0 }), NODES, "harness");
const PARTITION = expectationOf(plan({ kind: "partition", targets: [N1, N2], shape: "halves", method: "iptables", view: HALVES }), NODES, "harness");

const PASS_DETAIL = "the fault is in place and every observer noticed it";

describe("checkFaultApplied passes", () => {
  it.each(["kill", "kill-many", "stop"] as const)("%s: the targets' containers are down and every survivor dropped them", (kind) => {
    const e = expectationOf(plan({ kind, targets: [N2, N4] }), NODES, "harness");
    const result = checkFaultApplied(e, applied(e, { [N2]: { running: false }, [N4]: { running: false } }));
    expect(result).toEqual({ name: "fault applied", verdict: "pass", detail: PASS_DETAIL });
  });

  it("a fault nobody must notice (a suspended process) is said to be in place, not noticed", () => {
    const e = expectationOf(plan({ kind: "suspend-process", targets: [N2], process: "global_name_server" }), NODES, "harness");
    expect(checkFaultApplied(e, applied(e)).detail).toBe("the fault is in place");
  });

  it("crash: the engine restarted the target and every other node logged its nodedown", () => {
    const evidence = { ...applied(CRASH), engineRestarts: { [N3]: 1 } };
    // the crashed node may already be back in the mesh: a crash demands no view
    observationOf(evidence, N1).mesh!.push(N3);
    expect(checkFaultApplied(CRASH, evidence).verdict).toBe("pass");
  });

  it("pause: the target is paused and everyone lost it through the tick", () => {
    const result = checkFaultApplied(PAUSE, applied(PAUSE, { [N1]: { paused: true } }, "net_tick_timeout"));
    expect(result.verdict).toBe("pass");
  });

  it("pause: one nodedown with the tick's reason is enough among several", () => {
    const evidence = applied(PAUSE, { [N1]: { paused: true } }, "net_tick_timeout");
    observationOf(evidence, N2).events!.unshift(nodedown(N1, FAULT_AT + 100, "connection_closed"));
    expect(checkFaultApplied(PAUSE, evidence).verdict).toBe("pass");
  });

  it("partition (iptables): each side sees only its own side and logged the other side's nodedowns", () => {
    expect(checkFaultApplied(PARTITION, applied(PARTITION)).verdict).toBe("pass");
  });

  it("partition (disconnect): the isolated node is not asked; the others lost it", () => {
    const e = expectationOf(plan({ kind: "partition", targets: [N3], shape: "isolate", method: "disconnect", view: ISOLATE_N3 }), NODES, "harness");
    const evidence = applied(e);
    expect(evidence.observations.map((o) => o.node)).not.toContain(N3);
    expect(checkFaultApplied(e, evidence).verdict).toBe("pass");
  });

  it.each(["delay", "loss"] as const)("%s: the fault's own evidence has no complaint and the mesh is whole", (kind) => {
    const e = expectationOf(plan({ kind, targets: [N4] }), NODES, "harness");
    expect(checkFaultApplied(e, { ...applied(e), notInPlace: [] }).verdict).toBe("pass");
  });

  it("partition: a view stricter than planned passes (a partition may cut more)", () => {
    const evidence = applied(PARTITION);
    // app@n3 also lost app@n5 (and app@n5 app@n3), as prevent_overlapping_partitions may do
    const n3 = observationOf(evidence, N3);
    const n5 = observationOf(evidence, N5);
    n3.mesh = [N4];
    n5.mesh = [N4];
    const result = checkFaultApplied(PARTITION, evidence);
    expect(result.verdict).toBe("pass");
  });
});

describe("checkFaultApplied fails", () => {
  it("when a killed target's container is still running", () => {
    const result = checkFaultApplied(KILL, applied(KILL));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("the container of app@n3 is still running");
  });

  it("when a paused target's container is not paused", () => {
    const result = checkFaultApplied(PAUSE, applied(PAUSE, {}, "net_tick_timeout"));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("the container of app@n1 is not paused");
  });

  it("when the engine did not restart a crashed target", () => {
    const result = checkFaultApplied(CRASH, applied(CRASH));
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("the engine has not restarted app@n3");
  });

  it("when the fault's own evidence says it is not in place", () => {
    const e = expectationOf(plan({ kind: "delay", targets: [N4] }), NODES, "harness");
    const result = checkFaultApplied(e, { ...applied(e), notInPlace: ["app@n4 has no netem qdisc in place"] });
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("app@n4 has no netem qdisc in place");
  });

  it("when a survivor still sees the target", () => {
    const evidence = applied(KILL, { [N3]: { running: false } });
    observationOf(evidence, N1).mesh!.push(N3);
    const result = checkFaultApplied(KILL, evidence);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("app@n1 still sees app@n3");
  });

  it("kill (exact view): when a survivor lost another survivor", () => {
    const evidence = applied(KILL, { [N3]: { running: false } });
    observationOf(evidence, N1).mesh = [N4, N5];
    const result = checkFaultApplied(KILL, evidence);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("app@n1 lost app@n2, which the fault did not touch");
  });

  it("partition: when a node still sees a peer across the cut", () => {
    const evidence = applied(PARTITION);
    observationOf(evidence, N4).mesh!.push(N1);
    const result = checkFaultApplied(PARTITION, evidence);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("app@n4 still sees app@n1");
  });

  it("when a node still lists pg members of a node it was cut from", () => {
    const evidence = applied(PARTITION);
    observationOf(evidence, N1).pg![0]!.groups[0]!.members.push(pid(N5), pid(N3));
    const result = checkFaultApplied(PARTITION, evidence);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("app@n1 still lists pg members of app@n5, app@n3");
  });

  it("when a survivor still lists pg members of a killed target", () => {
    const evidence = applied(KILL, { [N3]: { running: false } });
    observationOf(evidence, N2).pg![0]!.groups[0]!.members.push(pid(N3));
    const result = checkFaultApplied(KILL, evidence);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("app@n2 still lists pg members of app@n3");
  });

  it("when an observer logged no nodedown of a node it lost", () => {
    const evidence = applied(KILL, { [N3]: { running: false } });
    observationOf(evidence, N2).events = [];
    const result = checkFaultApplied(KILL, evidence);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("app@n2 logged no nodedown of app@n3");
  });

  it("when an observer logged only a nodeup of the target", () => {
    const evidence = applied(KILL, { [N3]: { running: false } });
    observationOf(evidence, N2).events = [{ kind: "nodeup", node: N3, reason: "", atMs: FAULT_AT + 300 }];
    expect(checkFaultApplied(KILL, evidence).detail).toBe("app@n2 logged no nodedown of app@n3");
  });

  it("ignoring nodedowns logged before the fault began, and saying the observer had lost the target already", () => {
    const evidence = applied(KILL, { [N3]: { running: false } });
    observationOf(evidence, N5).events = [nodedown(N3, FAULT_AT - 1_200)];
    const result = checkFaultApplied(KILL, evidence);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("app@n5 logged no nodedown of app@n3 (it had lost app@n3 1.2 s before the fault and not seen it again)");
    // seen again before the fault: connected when the fault began, so the missing nodedown is all there is to say
    observationOf(evidence, N5).events = [nodedown(N3, FAULT_AT - 1_200), { kind: "nodeup", node: N3, reason: "", atMs: FAULT_AT - 700 }];
    expect(checkFaultApplied(KILL, evidence).detail).toBe("app@n5 logged no nodedown of app@n3");
  });

  it("pause: when the nodedown carries another reason than the tick's", () => {
    const evidence = applied(PAUSE, { [N1]: { paused: true } }, "net_tick_timeout");
    observationOf(evidence, N2).events = [nodedown(N1, FAULT_AT + 200, "connection_closed")];
    const result = checkFaultApplied(PAUSE, evidence);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("app@n2 lost app@n1 with reason connection_closed, not net_tick_timeout");
  });

  it("when an observable node did not answer, with its status and reason", () => {
    const evidence = withObservation(applied(KILL, { [N3]: { running: false } }), { node: N4, status: "timeout", reason: "no answer within 10000 ms", atMs: FAULT_AT });
    const result = checkFaultApplied(KILL, evidence);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("app@n4 did not answer (timeout: no answer within 10000 ms)");
  });

  it("when an observable node was not probed at all", () => {
    const evidence = applied(PARTITION);
    const result = checkFaultApplied(PARTITION, { ...evidence, observations: evidence.observations.filter((o) => o.node !== N5) });
    expect(result.verdict).toBe("fail");
    expect(result.detail).toBe("app@n5 did not answer (not probed)");
  });

  it("listing every problem at once", () => {
    const evidence = applied(KILL);
    observationOf(evidence, N1).mesh!.push(N3);
    observationOf(evidence, N2).events = [];
    const result = checkFaultApplied(KILL, evidence);
    expect(result.detail.split("; ")).toEqual([
      "the container of app@n3 is still running",
      "app@n1 still sees app@n3",
      "app@n2 logged no nodedown of app@n3",
    ]);
  });
});

describe("detectTimeMs", () => {
  it("is the last of the first nodedowns per lost link, from the fault", () => {
    const evidence = applied(KILL, { [N3]: { running: false } });
    observationOf(evidence, N1).events = [nodedown(N3, FAULT_AT + 700), nodedown(N3, FAULT_AT + 5_000)];
    observationOf(evidence, N2).events = [nodedown(N3, FAULT_AT + 1_200)];
    observationOf(evidence, N4).events = [nodedown(N3, FAULT_AT + 300)];
    observationOf(evidence, N5).events = [nodedown(N3, FAULT_AT + 900)];
    expect(detectTimeMs(KILL, evidence)).toBe(1_200);
  });

  it("skips events from before the fault and of other nodes", () => {
    const evidence = applied(KILL, { [N3]: { running: false } });
    for (const node of [N1, N2, N4, N5]) observationOf(evidence, node).events = [nodedown(N3, FAULT_AT + 100)];
    observationOf(evidence, N4).events = [nodedown(N3, FAULT_AT - 50), nodedown(N2, FAULT_AT + 10), nodedown(N3, FAULT_AT + 2_000)];
    expect(detectTimeMs(KILL, evidence)).toBe(2_000);
  });

  it("measures each link of a partition in both directions", () => {
    const evidence = applied(PARTITION);
    observationOf(evidence, N5).events = [nodedown(N1, FAULT_AT + 400), nodedown(N2, FAULT_AT + 3_300)];
    expect(detectTimeMs(PARTITION, evidence)).toBe(3_300);
  });

  it("is undefined when one lost link has no nodedown", () => {
    const evidence = applied(KILL, { [N3]: { running: false } });
    observationOf(evidence, N2).events = [];
    expect(detectTimeMs(KILL, evidence)).toBeUndefined();
  });

  it("is undefined when an observer did not answer", () => {
    const evidence = withObservation(applied(KILL, { [N3]: { running: false } }), { node: N4, status: "unreachable", reason: "gone", atMs: 0 });
    expect(detectTimeMs(KILL, evidence)).toBeUndefined();
  });

  it("is undefined when the fault cuts no link (delay)", () => {
    const e = expectationOf(plan({ kind: "delay", targets: [N4] }), NODES, "harness");
    expect(detectTimeMs(e, applied(e))).toBeUndefined();
  });
});

describe("checkFaultApplied on the partitions real clusters meet", () => {
  it("a blip asks nothing of the mesh: no nodedown, nobody lost, only its own evidence", () => {
    const e = expectationOf(plan({ kind: "partition", targets: [N1, N2], shape: "halves", method: "iptables", view: HALVES, blip: true }), NODES, "harness");
    expect(e.lostLinks).toEqual([]);
    expect(e.view).toBeNull();
    const full = NODES.map((node) => answered(node, NODES.filter((peer) => peer !== node), []));
    expect(checkFaultApplied(e, { ...applied(e), observations: full, notInPlace: [] }).verdict).toBe("pass");
    expect(checkFaultApplied(e, { ...applied(e), observations: full, notInPlace: ["app@n1 has 0 of its 6 iptables rules in place"] }).verdict).toBe("fail");
  });

  it("a reset must be seen within its notice window, not through the tick", () => {
    const e = expectationOf(plan({ kind: "partition", targets: [N1, N2], shape: "halves", method: "reset", view: HALVES, noticeWithinMs: 2_250 }), NODES, "harness");
    expect(checkFaultApplied(e, applied(e)).verdict).toBe("pass");
    const late = applied(e);
    late.observations = late.observations.map((o) => ({ ...o, events: o.events?.map((ev) => ({ ...ev, atMs: FAULT_AT + 4_000 })) }));
    const result = checkFaultApplied(e, late);
    expect(result.verdict).toBe("fail");
    expect(result.detail).toContain("app@n1 lost app@n3 only after 4.0 s, not within 2.3 s");
  });

  it("a one-way cut says which side saw nodedown first", () => {
    const e = expectationOf(plan({ kind: "partition", targets: [N3], shape: "isolate", method: "iptables", direction: "inbound", view: ISOLATE_N3 }), NODES, "harness");
    const evidence = applied(e);
    // the cut side (app@n3) times out first; the others see its connection close 1.5 s later
    evidence.observations = evidence.observations.map((o) => ({ ...o, events: o.events?.map((ev) => ({ ...ev, atMs: o.node === N3 ? FAULT_AT + 500 : FAULT_AT + 2_000 })) }));
    expect(checkFaultApplied(e, evidence).detail).toBe(`${PASS_DETAIL}; the cut side (app@n3) saw nodedown first, 1.5 s before`);
  });
});

