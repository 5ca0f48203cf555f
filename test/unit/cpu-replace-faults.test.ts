import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectationsOf, judgeHealthy } from "../../src/checks/healthy.js";
import { cpu } from "../../src/faults/cpu.js";
import { expectationOf, faultSpecSchema, nemesisFor, planFault, specProblems, type FaultPlan } from "../../src/faults/index.js";
import { liftAllFaults } from "../../src/faults/lift-all.js";
import { replace } from "../../src/faults/replace.js";
import { History } from "../../src/history/history.js";
import { runFaultIteration } from "../../src/run/fault-iteration.js";
import { seededRng } from "../../src/schedule/rng.js";
import { scenarioSchema } from "../../src/scenario/scenario.js";
import { FakeCluster } from "./fake-cluster.js";

const NODES = ["app@n1", "app@n2", "app@n3"];
const DOCKER = { nodes: 3, engine: "docker" as const, netTicktime: 2, probeMode: "session" as const, attached: false };
const DEADLINES = { detectMs: 1_500, healMs: 1_500, stableMs: 40 };

function plan(fields: Partial<FaultPlan> & Pick<FaultPlan, "kind">): FaultPlan {
  return { index: 1, targets: ["app@n2"], durationMs: 50, waitBeforeMs: 0, ...fields } as FaultPlan;
}

async function iterate(cluster: FakeCluster, fault: FaultPlan) {
  const history = new History(join(mkdtempSync(join(tmpdir(), "meshproof-cpu-replace-")), "history.ndjson"));
  try {
    return await runFaultIteration({ cluster, history, deadlines: DEADLINES }, fault);
  } finally {
    history.close();
  }
}

const failing = (result: { checks: { verdict: string }[] }) => result.checks.filter((c) => c.verdict !== "pass");
const detailOf = (result: { checks: { name: string; detail: string }[] }, name: string) => result.checks.find((c) => c.name === name)?.detail;

describe("the cpu fault", () => {
  it("limits a random target to 0.05 CPUs unless told otherwise, and takes the CPUs from --faults cpu:VALUE", () => {
    expect(faultSpecSchema.parse({ kind: "cpu" })).toEqual({ kind: "cpu", target: "random", cpus: 0.05 });
    expect(cpu.traits.flagFields).toEqual(["cpus"]);
    const planned = planFault(faultSpecSchema.parse({ kind: "cpu", cpus: 0.2, duration: "4s", target: { nodes: ["app@n3"] } }), NODES, seededRng(1), { netTicktime: 2 });
    expect(planned).toEqual({ kind: "cpu", targets: ["app@n3"], durationMs: 4_000, cpus: 0.2 });
  });

  it("refuses less than the engine's hundredth of a CPU, and swarm, naming the field", () => {
    expect(faultSpecSchema.safeParse({ kind: "cpu", cpus: 0.001 }).success).toBe(false);
    expect(specProblems(faultSpecSchema.parse({ kind: "cpu" }), { ...DOCKER, engine: "swarm" })).toEqual([{ field: "kind", message: expect.stringMatching(/swarm/) }]);
    expect(specProblems(faultSpecSchema.parse({ kind: "cpu" }), DOCKER)).toEqual([]);
    const parsed = scenarioSchema.safeParse({ cluster: { engine: "swarm" }, faults: [{ kind: "cpu" }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["faults", 0, "kind"]);
  });

  it("demands nothing of the mesh while it lasts (a starved node may drop)", () => {
    expect(expectationOf(plan({ kind: "cpu", cpus: 0.05 }), NODES, "harness")).toMatchObject({ view: null, observable: NODES, lostLinks: [], othersMayDisconnect: true, reincarnated: [] });
  });

  it("limits the targets through the port, shows the limit as its evidence, gives back what they had, and says so", async () => {
    const cluster = new FakeCluster(3);
    const p = plan({ kind: "cpu", cpus: 0.05 });
    const nemesis = nemesisFor(p, "harness");
    expect(await nemesis.inPlace!(cluster, p)).toEqual(["app@n2 has no limit, not 0.05"]);
    await nemesis.invoke(cluster, p);
    expect(cluster.calls).toContain("limitCpus app@n2");
    expect(await nemesis.inPlace!(cluster, p)).toEqual([]);
    expect(await nemesis.evidence!(cluster, p)).toBe("app@n2 limited to 0.05 CPUs (had no limit)");
    expect(await nemesis.undone!(cluster, p)).toEqual(["app@n2 has 0.05 CPUs, not its no limit of before"]);
    await nemesis.recover!(cluster, p);
    expect(await nemesis.undone!(cluster, p)).toEqual([]);
    expect((await cluster.containerStates())["app@n2"]!.cpus).toBeNull();
  });

  it("passes on the fake cluster, its evidence in the fault-applied check, the limit given back before the fault-undone check", async () => {
    const cluster = new FakeCluster(3);
    const result = await iterate(cluster, plan({ kind: "cpu", cpus: 0.05 }));
    expect(failing(result)).toEqual([]);
    expect(detailOf(result, "fault applied")).toContain("app@n2 limited to 0.05 CPUs (had no limit)");
    expect(result.checks.find((c) => c.name === "fault undone")?.verdict).toBe("pass");
  });

  it("is lifted by the final heal, where a run left it in place; once, and nowhere else", async () => {
    const cluster = new FakeCluster(3);
    await cluster.limitCpus("app@n1", 0.1);
    await liftAllFaults(cluster);
    await liftAllFaults(cluster);
    expect((await cluster.containerStates())["app@n1"]!.cpus).toBeNull();
  });
});

describe("the replace fault", () => {
  it("replaces a random target unless told otherwise, and takes nothing else", () => {
    expect(faultSpecSchema.parse({ kind: "replace" })).toEqual({ kind: "replace", target: "random" });
    expect(faultSpecSchema.safeParse({ kind: "replace", downtime: "1s" }).success).toBe(false);
    expect(planFault(faultSpecSchema.parse({ kind: "replace", target: { nodes: ["app@n1"] } }), NODES, seededRng(1), { netTicktime: 2 })).toEqual({
      kind: "replace",
      targets: ["app@n1"],
      durationMs: 0,
    });
  });

  it("is refused on swarm and in attach mode, at the fault's kind", () => {
    const spec = faultSpecSchema.parse({ kind: "replace" });
    expect(specProblems(spec, DOCKER)).toEqual([]);
    expect(specProblems(spec, { ...DOCKER, engine: "swarm" })).toEqual([{ field: "kind", message: expect.stringMatching(/swarm/) }]);
    expect(specProblems(spec, { ...DOCKER, attached: true })).toEqual([{ field: "kind", message: expect.stringMatching(/attached/) }]);
  });

  it("expects the others to lose the target at once and the target to come back as a new incarnation, brought back by the harness", () => {
    expect(replace.traits).toMatchObject({ lasting: "none", downing: true });
    expect(expectationOf(plan({ kind: "replace" }), NODES, "harness")).toMatchObject({
      stopped: [],
      restartedByEngine: [],
      reincarnated: ["app@n2"],
      observable: ["app@n1", "app@n3"],
      lostLinks: [
        { observer: "app@n1", lost: "app@n2" },
        { observer: "app@n3", lost: "app@n2" },
      ],
    });
  });

  it("takes a new container at a new address as its evidence, and sees through a replace that did nothing", async () => {
    const cluster = new FakeCluster(3);
    const p = plan({ kind: "replace" });
    const nemesis = nemesisFor(p, "harness");
    cluster.inert = true;
    await nemesis.invoke(cluster, p);
    expect(await nemesis.inPlace!(cluster, p)).toEqual(["app@n2 still runs in its old container c2"]);
    cluster.inert = false;
    await nemesis.invoke(cluster, p);
    expect(cluster.calls.filter((call) => call === "replace app@n2")).toHaveLength(2);
    expect(await nemesis.inPlace!(cluster, p)).toEqual([]);
    expect(await nemesis.evidence!(cluster, p)).toMatch(/^app@n2 moved from 10\.0\.0\.3 \(container c2\) to 10\.0\.1\.\d+ \(container c4\)$/);
  });

  it("passes with a kill and a cpu limit of the same node, each healed, the replace restarted by the harness", async () => {
    const cluster = new FakeCluster(3);
    const faults = [plan({ kind: "cpu", cpus: 0.05 }), plan({ index: 2, kind: "replace", durationMs: 0 }), plan({ index: 3, kind: "kill" })];
    for (const fault of faults) {
      const result = await iterate(cluster, fault);
      expect(failing(result), fault.kind).toEqual([]);
      if (fault.kind === "replace") {
        expect(result.restartedBy).toEqual({ "app@n2": "harness" });
        expect(detailOf(result, "fault applied")).toMatch(/app@n2 moved from 10\.0\.0\.3/);
      }
    }
  });

  it("leaves no pg member or global name of the old incarnation unseen: the layers fail on one after the heal", async () => {
    const cluster = new FakeCluster(3);
    const before = await cluster.probe(NODES);
    const oldCreation = before.find((o) => o.node === "app@n2")!.info!.creation;
    await cluster.replace("app@n2");
    const after = await cluster.probe(NODES);
    expect(judgeHealthy(after, NODES, expectationsOf(cluster.options)).pg?.verdict).toBe("pass");
    const stale = { node: "app@n2", id: "0.90.0", creation: oldCreation };
    // app@n1 still lists a pg member, and holds a global name, of the replaced container's VM
    const n1 = after.find((o) => o.node === "app@n1")!;
    n1.pg![0]!.groups[0]!.members.push(stale);
    for (const o of after) o.global!.names.push({ name: "leader", pid: stale, alive: null });
    const health = judgeHealthy(after, NODES, expectationsOf(cluster.options));
    expect(health.pg).toMatchObject({ verdict: "fail", detail: expect.stringContaining(`app@n2<0.90.0>#${oldCreation}`) });
    expect(health.pg?.detail).toMatch(/previous incarnation/);
    expect(health.global).toMatchObject({ verdict: "fail", detail: expect.stringMatching(/leader is held by .*, of a previous incarnation/) });
  });
});
