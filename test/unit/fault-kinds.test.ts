import { describe, expect, it } from "vitest";
import { liftAllFaults } from "../../src/faults/lift-all.js";
import {
  FAULT_KINDS,
  allLifts,
  engineAsks,
  engineProblems,
  faultPlanSchema,
  faultSpecSchema,
  nemesisFor,
  planFault,
  specOfPlan,
  specProblems,
  type FaultKindName,
  type FaultPlan,
} from "../../src/faults/index.js";
import type { ClusterFacts, EngineFacts } from "../../src/faults/fault-kind.js";
import { seededRng } from "../../src/schedule/rng.js";
import { withDurationUnits } from "../../src/scenario/stored-scenario.js";
import { FakeCluster } from "./fake-cluster.js";

const NODES = ["app@n1", "app@n2", "app@n3", "app@n4", "app@n5"];
const FACTS = { netTicktime: 2 };

/** A spec of each kind with every parameter given (a partition's shape too: a random one draws it from the seed first). */
const SPECS: Record<FaultKindName, Record<string, unknown>> = {
  kill: { kind: "kill", target: "minority", downtime: "1500ms" },
  "kill-many": { kind: "kill-many", downtime: "2s" },
  crash: { kind: "crash", target: { count: 2 } },
  stop: { kind: "stop", downtime: "1s", grace: "3s" },
  pause: { kind: "pause", duration: "4s" },
  partition: { kind: "partition", shape: "bridge", method: "reset", direction: "inbound", duration: "6s" },
  delay: { kind: "delay", delay: "150ms", duration: "3s" },
  loss: { kind: "loss", probability: 0.2, duration: "3s" },
  bandwidth: { kind: "bandwidth", rate: "1mbit", duration: "3s" },
  cpu: { kind: "cpu", cpus: 0.1, duration: "3s" },
  replace: { kind: "replace", target: { nodes: ["app@n4"] } },
  epmd: { kind: "epmd", duration: "3s" },
  dns: { kind: "dns", duration: "3s" },
  "kill-process": { kind: "kill-process", process: "shop_sup" },
  "suspend-process": { kind: "suspend-process", process: "shop_cache", duration: "3s" },
};

const planOf = (spec: unknown, seed = 5) => planFault(faultSpecSchema.parse(spec), NODES, seededRng(seed), FACTS);

describe("the fault kinds' registry", () => {
  it("has a spec here for every kind it lists, and no other", () => {
    expect(Object.keys(SPECS).sort()).toEqual([...FAULT_KINDS].sort());
  });

  it.each(FAULT_KINDS)("%s: its plan is its plan schema's, and a report stores and reads it back unchanged", (kind) => {
    const stored = { index: 3, waitBeforeMs: 100, ...planOf(SPECS[kind]) };
    expect(faultPlanSchema.parse(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
  });

  it.each(FAULT_KINDS)("%s: the spec of its plan plans the very fault again (shrink's repro)", (kind) => {
    const plan = planOf(SPECS[kind]);
    const spec = specOfPlan(plan);
    expect(spec.kind).toBe(kind);
    // as the repro scenario writes it: every duration with its unit
    const [written] = withDurationUnits({ faults: [spec] }).faults as unknown[];
    expect(planOf(written)).toEqual(plan);
  });

  it("takes a plan of another kind's fields for no kind: a stored plan is read by its own kind's schema", () => {
    expect(faultPlanSchema.safeParse({ index: 1, waitBeforeMs: 0, kind: "cpu", targets: ["app@n1"], durationMs: 1_000, rate: "64kbit" }).success).toBe(false);
    expect(faultPlanSchema.safeParse({ index: 1, waitBeforeMs: 0, kind: "meteor", targets: ["app@n1"], durationMs: 1_000 }).success).toBe(false);
  });

  it("pins a partition's targets through its view, not its spec: the spec names none", () => {
    expect(specOfPlan(planOf(SPECS.partition))).toEqual({ kind: "partition", duration: 6_000, shape: "bridge", method: "reset", direction: "inbound" });
  });
});

/** What the fake cluster shows of any fault still in place: nodes down or paused, rules, limits, epmd gone, processes suspended. */
async function leftInPlace(cluster: FakeCluster): Promise<string[]> {
  const states = await cluster.containerStates();
  const left: string[] = [];
  for (const node of cluster.nodeNames) {
    const state = states[node]!;
    if (!state.running) left.push(`${node} down`);
    if (state.paused) left.push(`${node} paused`);
    if (state.cpus !== null) left.push(`${node} limited to ${state.cpus} CPUs`);
    if (!state.running) continue;
    const rules = await cluster.exec(node, ["sh", "-c", "iptables -w -S MESHPROOF 2>/dev/null || true"]);
    if (rules.kind === "exited" && rules.stdout.trim()) left.push(`${node} has rules`);
    const epmd = await cluster.exec(node, ["sh", "-c", "pidof epmd || true"]);
    if (epmd.kind === "exited" && !epmd.stdout.trim()) left.push(`${node} has no epmd`);
    const sys = await cluster.ask(node, [{ op: "sys-state", name: "meshproof" }]);
    if (JSON.stringify(sys.answers).includes('"suspended"')) left.push(`${node} has meshproof suspended`);
  }
  return left;
}

/** Every shell script the cluster is given, so that what the fake does not model (tc) is still seen done. */
function scriptsOf(cluster: FakeCluster): string[] {
  const scripts: string[] = [];
  const exec = cluster.exec.bind(cluster);
  cluster.exec = (node, cmd) => {
    scripts.push(`${node}: ${cmd.join(" ")}`);
    return exec(node, cmd);
  };
  return scripts;
}

describe("the final heal's lift of each kind", () => {
  /** Each kind's fault on app@n2 (a partition's view cuts it off), left in place as an aborted run leaves it. */
  const fault = (kind: FaultKindName): FaultPlan => {
    const spec = { ...SPECS[kind], ...(kind === "partition" ? { shape: "isolate", method: "iptables", direction: "both" } : {}) };
    const planned = planOf(spec);
    const onN2 = kind === "partition" ? planned : { ...planned, targets: ["app@n2"] };
    return { index: 1, waitBeforeMs: 0, ...onN2, ...(kind === "kill-process" || kind === "suspend-process" ? { process: "meshproof" } : {}) } as FaultPlan;
  };

  /** What the fake shows left of each kind's fault; none where the fault leaves nothing the fake keeps (tc, a process its supervisor restarts, a new container). */
  const LEFT: Partial<Record<FaultKindName, () => string[]>> = {
    kill: () => ["app@n2 down"],
    "kill-many": () => ["app@n2 down"],
    stop: () => ["app@n2 down"],
    crash: () => ["app@n2 down"],
    pause: () => ["app@n2 paused"],
    // an isolate: the isolated node drops the others, and each of them drops it
    partition: () => NODES.map((node) => `${node} has rules`),
    loss: () => ["app@n2 has rules"],
    dns: () => ["app@n2 has rules"],
    cpu: () => ["app@n2 limited to 0.1 CPUs"],
    epmd: () => ["app@n2 has no epmd"],
    "suspend-process": () => ["app@n2 has meshproof suspended"],
  };

  it.each(FAULT_KINDS)("%s: lifted by the final heal where a run left it in place, and a second lift finds nothing to do", async (kind) => {
    const cluster = new FakeCluster(5);
    cluster.restartPolicy = false; // a crashed node the engine did not bring back
    const plan = fault(kind);
    await nemesisFor(plan, "harness").invoke(cluster, plan);
    expect((await leftInPlace(cluster)).sort()).toEqual((LEFT[kind]?.() ?? []).sort());
    const scripts = scriptsOf(cluster);
    await liftAllFaults(cluster);
    expect(await leftInPlace(cluster)).toEqual([]);
    // what the fake does not keep is still taken back: every node's shaping
    expect(scripts.filter((s) => s.includes("tc qdisc del dev eth0 root"))).toHaveLength(5);
    await liftAllFaults(cluster);
    expect(await leftInPlace(cluster)).toEqual([]);
  });

  it("puts every node back on the network and starts a stopped one, unless swarm does either by itself", async () => {
    const cluster = new FakeCluster(3);
    await cluster.kill("app@n3");
    await liftAllFaults(cluster);
    expect(cluster.calls.filter((c) => /^(connect|restart|unpause)/.test(c))).toEqual(["connect app@n1", "connect app@n2", "connect app@n3", "restart app@n3"]);
    const swarm = new FakeCluster(3);
    Object.defineProperty(swarm, "restarter", { value: "swarm" });
    await swarm.kill("app@n3");
    await liftAllFaults(swarm);
    expect(swarm.calls.filter((c) => /^(connect|restart)/.test(c))).toEqual([]);
  });

  it("runs each lift once though kinds share it (iptables, tc, starting nodes)", () => {
    const lifts = allLifts();
    expect(new Set(lifts).size).toBe(lifts.length);
    expect(lifts.length).toBeLessThan(FAULT_KINDS.length);
  });
});

describe("what each kind requires", () => {
  const CLUSTER: ClusterFacts = { nodes: 5, engine: "docker", netTicktime: 2, attached: false, probeMode: "session" };
  const ENGINE: EngineFacts = { cpus: 2, netem: { offered: true } };
  const problemsOf = (spec: Record<string, unknown>, cluster: Partial<ClusterFacts>) => specProblems(faultSpecSchema.parse(spec), { ...CLUSTER, ...cluster }).map((p) => `${p.field}: ${p.message}`);

  it("asks the engine only what the faults need", () => {
    expect(engineAsks([{ kind: "kill" }, { kind: "partition" }])).toEqual([]);
    expect(engineAsks([{ kind: "delay" }, { kind: "delay" }])).toEqual(["netem"]);
    expect(engineAsks([{ kind: "cpu" }, { kind: "delay" }])).toEqual(["cpus", "netem"]);
  });

  it("refuses a delay where the kernel has no netem, saying what tc said; takes it where it has", () => {
    const faults = [{ kind: "kill" }, faultSpecSchema.parse(SPECS.delay)];
    expect(engineProblems(faults, { ...ENGINE, netem: { offered: false, said: 'Error: Specified qdisc kind is unknown.' } })).toEqual([
      "faults.1.kind: delay faults need the kernel's netem queueing discipline (sch_netem), which this engine's kernel does not offer (tc said: Error: Specified qdisc kind is unknown.)",
    ]);
    expect(engineProblems(faults, ENGINE)).toEqual([]);
  });

  it("refuses a cpu limit that is no limit on the engine", () => {
    const faults = [faultSpecSchema.parse({ kind: "cpu", cpus: 2 })];
    expect(engineProblems(faults, ENGINE)).toEqual(["faults.0.cpus: 2 CPUs is no limit on an engine with 2: the fault would do nothing (give fewer than 2)"]);
    expect(engineProblems(faults, { ...ENGINE, cpus: 4 })).toEqual([]);
  });

  it.each([
    ["cpu", { kind: "cpu" }, { engine: "swarm" as const }, "kind: cpu limits each container through the engine"],
    ["replace", { kind: "replace" }, { engine: "swarm" as const }, "kind: replace makes a node's new container as meshproof made the first; swarm"],
    ["replace", { kind: "replace" }, { attached: true }, "kind: replace makes a node's new container as meshproof made the first; an attached cluster's"],
    ["partition", { kind: "partition", shape: "isolate", method: "disconnect" }, { engine: "swarm" as const }, 'method: method "disconnect" cannot take a swarm task off its overlay network'],
    ["partition", { kind: "partition", shape: "isolate", method: "disconnect" }, { attached: true }, 'method: --attach: a partition by network "disconnect" would reconnect containers meshproof does not own'],
    ["epmd", { kind: "epmd" }, { probeMode: "oneshot" as const }, "kind: an epmd fault needs probe sessions"],
  ])("%s: refused where the cluster cannot have it (%j on %j), and taken where it can", (_kind, spec, cluster, refusal) => {
    expect(problemsOf(spec, cluster)).toEqual([expect.stringContaining(refusal)]);
    expect(problemsOf(spec, {})).toEqual([]);
  });
});
