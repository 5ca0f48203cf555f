import { describe, it, expect } from "vitest";
import { scenarioSchema, type ScenarioInput } from "../../src/scenario/scenario.js";
import { MIN_NODES } from "../../src/schedule/partition-shapes.js";
import { pickTargets, type TargetSpec } from "../../src/faults/targets.js";
import { planFaults } from "../../src/run/plan-schedule.js";
import type { FaultPlan } from "../../src/faults/index.js";
import { seededRng } from "../../src/schedule/rng.js";

function nodesOf(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `app@n${i + 1}`);
}

const NODES = nodesOf(5);

/** The schedule of a scenario of partitions only, typed as partitions. */
const partitionPlans = (...args: Parameters<typeof planFaults>) => planFaults(...args) as Extract<FaultPlan, { kind: "partition" }>[];

/** A validated scenario for a cluster of `n` nodes (the node count the plan is made for). */
function scenario(input: ScenarioInput, n = NODES.length) {
  return scenarioSchema.parse({ ...input, cluster: { ...input.cluster, nodes: n } });
}

const MIXED = scenario({
  faults: [{ kind: "kill" }, { kind: "crash" }, { kind: "pause" }, { kind: "partition" }, { kind: "kill-many" }, { kind: "stop" }],
  count: 200,
});

describe("planFaults", () => {
  it("marks a partition shorter than the tick can notice as a blip, and gives a reset its notice window", () => {
    const s = scenario({ cluster: { netTicktime: 4 }, faults: [{ kind: "partition", duration: "200ms" }, { kind: "partition", duration: "5s", method: "reset" }], order: "cycle", count: 2 });
    const [blip, reset] = planFaults(s, NODES, 1);
    expect(blip).toMatchObject({ blip: true, durationMs: 200, direction: "both" });
    expect(reset).not.toHaveProperty("blip");
    // the next tick on an idle connection (net_ticktime / 4), and a second to log it
    expect(reset).toMatchObject({ method: "reset", noticeWithinMs: 2_000 });
  });

  it("plans the identical schedule for the same seed", () => {
    expect(planFaults(MIXED, NODES, 1234)).toEqual(planFaults(MIXED, NODES, 1234));
  });

  it("plans different schedules for different seeds over a long schedule", () => {
    expect(planFaults(MIXED, NODES, 1)).not.toEqual(planFaults(MIXED, NODES, 2));
    const kinds = (seed: number) => planFaults(MIXED, NODES, seed).map((p) => p.kind);
    expect(kinds(0)).not.toEqual(kinds(2 ** 32 - 1));
  });

  it("numbers the faults 1..count", () => {
    const schedule = planFaults(scenario({ count: 12 }), NODES, 7);
    expect(schedule.map((p) => p.index)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("plans kills of one random node by default, each down for 1 s", () => {
    const schedule = planFaults(scenario({}), NODES, 7);
    expect(schedule).toHaveLength(10);
    for (const plan of schedule) {
      expect(plan.kind).toBe("kill");
      expect(plan.targets).toHaveLength(1);
      expect(plan.durationMs).toBe(1_000);
    }
  });

  it("cycles through the fault list in order with order cycle", () => {
    const cycled = scenario({ faults: [{ kind: "kill" }, { kind: "pause" }, { kind: "crash" }], order: "cycle", count: 7 });
    expect(planFaults(cycled, NODES, 3).map((p) => p.kind)).toEqual(["kill", "pause", "crash", "kill", "pause", "crash", "kill"]);
  });

  it("draws every kind of the list over a long random schedule", () => {
    const kinds = new Set(planFaults(MIXED, NODES, 11).map((p) => p.kind));
    expect([...kinds].sort()).toEqual(["crash", "kill", "kill-many", "partition", "pause", "stop"]);
  });

  it.each([
    ["random", 1],
    ["minority", 2],
    ["majority", 3],
    [{ count: 2 }, 2],
    [{ count: 4 }, 4],
  ] as [TargetSpec, number][])("targets %j: %i of 5 nodes, all distinct cluster nodes", (target, expected) => {
    const schedule = planFaults(scenario({ faults: [{ kind: "kill", target }], count: 50 }), NODES, 5);
    for (const plan of schedule) {
      expect(plan.targets).toHaveLength(expected);
      expect(new Set(plan.targets).size).toBe(expected);
      for (const node of plan.targets) expect(NODES).toContain(node);
    }
  });

  it("targets exactly the named nodes", () => {
    const named = scenario({ faults: [{ kind: "pause", target: { nodes: ["app@n2", "app@n4"] } }], count: 5 });
    for (const plan of planFaults(named, NODES, 9)) expect(plan.targets).toEqual(["app@n2", "app@n4"]);
  });

  it("sets a kill's duration to its downtime and a crash's to 0", () => {
    const s = scenario({ faults: [{ kind: "kill", downtime: "2s" }, { kind: "kill-many", downtime: "750ms" }, { kind: "crash" }], order: "cycle", count: 3 });
    expect(planFaults(s, NODES, 1).map((p) => [p.kind, p.durationMs])).toEqual([
      ["kill", 2_000],
      ["kill-many", 750],
      ["crash", 0],
    ]);
  });

  it("gives a stop its downtime and its grace period", () => {
    const [plan] = planFaults(scenario({ faults: [{ kind: "stop", downtime: "3s", grace: "2s" }], count: 1 }), NODES, 1);
    expect(plan).toMatchObject({ kind: "stop", durationMs: 3_000, graceMs: 2_000 });
  });

  it.each([3, 10])("gives pause and partition 3 x net_ticktime (%i s) by default", (tick) => {
    const s = scenario({ cluster: { netTicktime: tick }, faults: [{ kind: "pause" }, { kind: "partition" }], order: "cycle", count: 2 });
    for (const plan of planFaults(s, NODES, 1)) expect(plan.durationMs).toBe(3 * tick * 1000);
  });

  it("keeps an explicit pause or partition duration", () => {
    const s = scenario({ faults: [{ kind: "pause", duration: "8s" }, { kind: "partition", duration: "6500ms" }], order: "cycle", count: 2 });
    expect(planFaults(s, NODES, 1).map((p) => p.durationMs)).toEqual([8_000, 6_500]);
  });

  it("carries a delay's delay and a loss's probability", () => {
    const s = scenario({ faults: [{ kind: "delay", delay: "300ms" }, { kind: "loss", probability: 0.15 }], order: "cycle", count: 2 });
    const [delay, loss] = planFaults(s, NODES, 1);
    expect(delay).toMatchObject({ kind: "delay", delayMs: 300 });
    expect(loss).toMatchObject({ kind: "loss", probability: 0.15 });
  });

  it("waits exactly the interval before each fault without stagger", () => {
    for (const plan of planFaults(scenario({ interval: "2s", count: 20 }), NODES, 4)) expect(plan.waitBeforeMs).toBe(2_000);
  });

  it("waits a random time in [0, 2 x interval] with stagger, not always the same", () => {
    const schedule = planFaults(scenario({ interval: "1s", stagger: true, count: 200 }), NODES, 4);
    for (const plan of schedule) {
      expect(plan.waitBeforeMs).toBeGreaterThanOrEqual(0);
      expect(plan.waitBeforeMs).toBeLessThanOrEqual(2_000);
    }
    expect(new Set(schedule.map((p) => p.waitBeforeMs)).size).toBeGreaterThan(10);
  });

  it("plans partitions with a shape, a method and a view that covers every node", () => {
    const s = scenario({ faults: [{ kind: "partition", shape: "halves" }], count: 20 });
    for (const plan of partitionPlans(s, NODES, 21)) {
      expect(plan.kind).toBe("partition");
      expect(plan.shape).toBe("halves");
      expect(plan.method).toBe("iptables");
      expect(Object.keys(plan.view!).sort()).toEqual([...NODES].sort());
    }
  });

  it("carries the disconnect method of an isolate partition", () => {
    const s = scenario({ faults: [{ kind: "partition", shape: "isolate", method: "disconnect" }], count: 3 });
    for (const plan of partitionPlans(s, NODES, 2)) expect(plan.method).toBe("disconnect");
  });

  it("draws only shapes that the node count allows: with 3 nodes never a ring", () => {
    const three = nodesOf(3);
    const shapes = new Set(partitionPlans(scenario({ faults: [{ kind: "partition" }], count: 300 }, 3), three, 6).map((p) => p.shape));
    expect(shapes.has("ring")).toBe(false);
    expect([...shapes].sort()).toEqual(["bridge", "halves", "isolate", "majority"]);
    for (const shape of shapes) expect(MIN_NODES[shape!]).toBeLessThanOrEqual(3);
  });

  it("draws only halves with 2 nodes", () => {
    const shapes = new Set(partitionPlans(scenario({ faults: [{ kind: "partition" }], count: 100 }, 2), nodesOf(2), 6).map((p) => p.shape));
    expect([...shapes].sort()).toEqual(["halves"]);
  });

  it("draws every shape, ring included, with 5 nodes", () => {
    const shapes = new Set(partitionPlans(scenario({ faults: [{ kind: "partition" }], count: 300 }), NODES, 6).map((p) => p.shape));
    expect([...shapes].sort()).toEqual(["bridge", "halves", "isolate", "majority", "ring"]);
  });

  it("targets the isolated node, and only it, in an isolate partition", () => {
    for (const plan of partitionPlans(scenario({ faults: [{ kind: "partition", shape: "isolate" }], count: 20 }), NODES, 8)) {
      const isolated = NODES.filter((node) => plan.view![node]!.length === 0);
      expect(isolated).toHaveLength(1);
      expect(plan.targets).toEqual(isolated);
    }
  });

  it("targets the smaller side of a majority partition", () => {
    for (const plan of partitionPlans(scenario({ faults: [{ kind: "partition", shape: "majority" }], count: 20 }), NODES, 8)) {
      expect(plan.targets).toHaveLength(2);
      for (const target of plan.targets) expect(plan.view![target]).toEqual(plan.targets.filter((t) => t !== target));
    }
  });

  it("targets the nodes with the fewest peers in every partition", () => {
    for (const plan of partitionPlans(scenario({ faults: [{ kind: "partition" }], count: 100 }), NODES, 13)) {
      const fewest = Math.min(...NODES.map((node) => plan.view![node]!.length));
      expect(plan.targets.length).toBeGreaterThan(0);
      expect(plan.targets).toEqual(NODES.filter((node) => plan.view![node]!.length === fewest));
    }
  });
});

describe("pickTargets", () => {
  it.each([2, 3, 4, 5, 6, 7, 9])("never picks all of %i nodes, and always at least one", (n) => {
    const nodes = nodesOf(n);
    const rng = seededRng(n);
    const targets: TargetSpec[] = ["random", "minority", "majority", { count: 1 }, { count: n - 1 }, { count: 1000 }];
    for (const target of targets) {
      for (let i = 0; i < 20; i++) {
        const picked = pickTargets(target, nodes, rng);
        expect(picked.length).toBeGreaterThanOrEqual(1);
        expect(picked.length).toBeLessThan(n);
        expect(new Set(picked).size).toBe(picked.length);
        for (const node of picked) expect(nodes).toContain(node);
      }
    }
  });

  it.each([
    [2, 1, 1],
    [3, 1, 2],
    [4, 1, 3],
    [5, 2, 3],
    [6, 2, 4],
    [7, 3, 4],
  ])("with %i nodes picks a minority of %i and a majority of %i", (n, minority, majority) => {
    const rng = seededRng(1);
    expect(pickTargets("minority", nodesOf(n), rng)).toHaveLength(minority);
    // the majority is capped at n - 1: with 2 nodes it cannot be 2
    expect(pickTargets("majority", nodesOf(n), rng)).toHaveLength(Math.min(majority, n - 1));
  });

  it("sorts the picked nodes by name, numbers in order (n2 before n10)", () => {
    const nodes = nodesOf(12);
    const rng = seededRng(77);
    for (let i = 0; i < 20; i++) {
      const picked = pickTargets({ count: 6 }, nodes, rng);
      const numbers = picked.map((node) => Number(node.slice("app@n".length)));
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    }
  });

  it("returns named nodes as given", () => {
    expect(pickTargets({ nodes: ["app@n3", "app@n1"] }, NODES, seededRng(1))).toEqual(["app@n3", "app@n1"]);
  });

  it("spreads a random target over every node", () => {
    const rng = seededRng(31);
    const hit = new Set(Array.from({ length: 200 }, () => pickTargets("random", NODES, rng)[0]));
    expect([...hit].sort()).toEqual([...NODES].sort());
  });
});
