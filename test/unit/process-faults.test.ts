import { describe, expect, it } from "vitest";
import { checkNoCascade } from "../../src/checks/no-cascade.js";
import { scenarioOverrides } from "../../src/cli/scenario-flags.js";
import { expectationOf, faultSpecSchema, nemesisFor, planFault, type FaultPlan } from "../../src/faults/index.js";
import { liftAllFaults } from "../../src/faults/lift-all.js";
import { History } from "../../src/history/history.js";
import type { NodeObservation } from "../../src/probe/observe-node.js";
import type { NodeInfo } from "../../src/probe/replies.js";
import { runFaultIteration } from "../../src/run/fault-iteration.js";
import { resolveScenario } from "../../src/scenario/load-scenario.js";
import { seededRng } from "../../src/schedule/rng.js";
import { FakeCluster } from "./fake-cluster.js";

const NODES = ["app@n1", "app@n2", "app@n3"];
const DEADLINES = { detectMs: 1_500, healMs: 1_500, stableMs: 40 };

function plan(fields: Partial<FaultPlan> & Pick<FaultPlan, "kind">): FaultPlan {
  return { index: 1, targets: ["app@n2"], durationMs: 0, waitBeforeMs: 0, ...fields } as FaultPlan;
}

async function stateOf(cluster: FakeCluster, node: string, name: string) {
  const outcome = await cluster.ask(node, [{ op: "sys-state", name }]);
  return (outcome.answers[0] as { result: { state: string | null } }).result.state;
}

describe("the process faults' scenario schema", () => {
  it("kill-process kills the agent's pg scope on one random node by default", () => {
    expect(faultSpecSchema.parse({ kind: "kill-process" })).toEqual({ kind: "kill-process", target: "random", process: "meshproof" });
  });

  it("suspend-process suspends global_name_server by default, for a duration filled in with 3 ticks", () => {
    expect(faultSpecSchema.parse({ kind: "suspend-process" })).toEqual({ kind: "suspend-process", target: "random", process: "global_name_server" });
    const scenario = resolveScenario(undefined, { cluster: { netTicktime: 2 }, faults: [{ kind: "suspend-process" }] }, () => undefined);
    expect(scenario.faults[0]).toMatchObject({ kind: "suspend-process", duration: 6_000 });
  });

  it("takes any registered name without spaces, an Elixir module's too", () => {
    expect(faultSpecSchema.parse({ kind: "kill-process", process: "Elixir.MyApp.Cache" })).toMatchObject({ process: "Elixir.MyApp.Cache" });
  });

  it.each([
    [{ kind: "kill-process", process: "my server" }, "a registered name such as global_name_server (no spaces)"],
    [{ kind: "kill-process", process: "" }, ""],
    [{ kind: "suspend-process", process: "x".repeat(256) }, "an Erlang atom has at most 255 characters"],
    [{ kind: "kill-process", duration: "1s" }, ""],
  ])("refuses %j", (spec, message) => {
    const parsed = faultSpecSchema.safeParse(spec);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.message).join("; ")).toContain(message);
  });

  it("reads --faults kill-process:NAME and suspend-process:NAME as the process", () => {
    const { overrides } = scenarioOverrides({ faults: "kill-process:meshproof,suspend-process:global_name_server,kill" }, undefined);
    expect(overrides.faults).toEqual([
      { kind: "kill-process", process: "meshproof" },
      { kind: "suspend-process", process: "global_name_server" },
      { kind: "kill" },
    ]);
  });
});

describe("planning and expecting the process faults", () => {
  it("plans the process, no length for a kill-process and the duration for a suspend-process", () => {
    const killed = planFault(faultSpecSchema.parse({ kind: "kill-process", process: "pg", target: { nodes: ["app@n3"] } }), NODES, seededRng(1), { netTicktime: 2 });
    expect(killed).toEqual({ kind: "kill-process", targets: ["app@n3"], durationMs: 0, process: "pg" });
    const suspended = planFault(faultSpecSchema.parse({ kind: "suspend-process", duration: "4s" }), NODES, seededRng(1), { netTicktime: 2 });
    expect(suspended).toMatchObject({ kind: "suspend-process", durationMs: 4_000, process: "global_name_server" });
    expect(suspended.targets).toHaveLength(1);
  });

  it("kill-process: the others must answer; the target may come back as a new incarnation, and any nodedown meanwhile is the fault's", () => {
    const e = expectationOf(plan({ kind: "kill-process", process: "global_name_server" }), NODES, "harness");
    expect(e).toMatchObject({ observable: ["app@n1", "app@n3"], view: null, mayReincarnate: ["app@n2"], reincarnated: [], restartedByEngine: [], othersMayDisconnect: true, lostLinks: [] });
  });

  it("suspend-process demands nothing of the mesh while it lasts", () => {
    const e = expectationOf(plan({ kind: "suspend-process", process: "meshproof", durationMs: 1_000 }), NODES, "harness");
    expect(e).toMatchObject({ observable: NODES, view: null, othersMayDisconnect: true, lostLinks: [], stopped: [], paused: [] });
  });
});

describe("the kill-process nemesis", () => {
  it("kills the process through the probe and shows the killed pid and the new one, with its supervisor", async () => {
    const cluster = new FakeCluster(3);
    const p = plan({ kind: "kill-process", process: "meshproof" });
    const nemesis = nemesisFor(p, "harness");
    expect(nemesis.recover).toBeUndefined();
    await nemesis.invoke(cluster, p);
    expect(await nemesis.inPlace!(cluster, p)).toEqual([]);
    expect(await nemesis.evidence!(cluster, p)).toBe("killed meshproof <0.80.0> on app@n2; meshproof is <0.81.0> now, started again by meshproof_pool_sup");
  });

  it("says plainly that killing a kernel process took the node down, and that the engine restarted it", async () => {
    const cluster = new FakeCluster(3);
    const p = plan({ kind: "kill-process", process: "global_name_server" });
    const nemesis = nemesisFor(p, "harness");
    await nemesis.invoke(cluster, p);
    expect(await nemesis.inPlace!(cluster, p)).toEqual([]);
    expect(await nemesis.evidence!(cluster, p)).toBe(
      "killing global_name_server <0.50.0> on app@n2 took the node down (kernel_sup restarts none of its children: the node stops when one dies); the engine is restarting it",
    );
    await new Promise((resolve) => setTimeout(resolve, 150)); // Docker's first restart back-off
    expect(await nemesis.inPlace!(cluster, p)).toEqual([]);
    expect(await nemesis.evidence!(cluster, p)).toMatch(/took the node down .*; it came back as a new incarnation$/);
  });

  it("names the name and the node when no process holds it", async () => {
    const cluster = new FakeCluster(3);
    const p = plan({ kind: "kill-process", process: "no_such_process" });
    const nemesis = nemesisFor(p, "harness");
    await nemesis.invoke(cluster, p);
    expect(await nemesis.inPlace!(cluster, p)).toEqual(["no process on app@n2 is registered as no_such_process: nothing to kill"]);
    expect(await nemesis.evidence!(cluster, p)).toBe("");
  });

  it("is not in place while the killed pid still holds the name", async () => {
    const cluster = new FakeCluster(3);
    cluster.inert = true;
    const p = plan({ kind: "kill-process", process: "meshproof" });
    const nemesis = nemesisFor(p, "harness");
    await nemesis.invoke(cluster, p);
    expect(await nemesis.inPlace!(cluster, p)).toEqual(["meshproof <0.80.0> on app@n2 is still alive"]);
  });
});

describe("the suspend-process nemesis", () => {
  it("suspends, shows sys's suspended state, resumes at recover, and finds it running after", async () => {
    const cluster = new FakeCluster(3);
    const p = plan({ kind: "suspend-process", process: "global_name_server", durationMs: 1_000 });
    const nemesis = nemesisFor(p, "harness");
    await nemesis.invoke(cluster, p);
    expect(await nemesis.inPlace!(cluster, p)).toEqual([]);
    expect(await nemesis.evidence!(cluster, p)).toBe("global_name_server <0.50.0> on app@n2 is suspended (sys says so), 0 messages waiting");
    expect(await nemesis.undone!(cluster, p)).toEqual(["global_name_server <0.50.0> on app@n2 is still suspended"]);
    await nemesis.recover!(cluster, p);
    expect(await stateOf(cluster, "app@n2", "global_name_server")).toBe("running");
    expect(await nemesis.undone!(cluster, p)).toEqual([]);
  });

  it("is not in place where the process runs on, and names a name no process holds", async () => {
    const cluster = new FakeCluster(3);
    cluster.inert = true;
    const p = plan({ kind: "suspend-process", process: "meshproof", durationMs: 1_000 });
    const nemesis = nemesisFor(p, "harness");
    await nemesis.invoke(cluster, p);
    expect(await nemesis.inPlace!(cluster, p)).toEqual(["meshproof <0.80.0> on app@n2 is running, not suspended"]);
    const absent = plan({ kind: "suspend-process", process: "nobody", durationMs: 1_000 });
    const other = nemesisFor(absent, "harness");
    await other.invoke(cluster, absent);
    expect(await other.inPlace!(cluster, absent)).toEqual(["no process on app@n2 is registered as nobody: nothing to suspend"]);
  });

  it("is resumed by the final heal's lift even when its nemesis is gone (an aborted run), and a second lift does nothing", async () => {
    const cluster = new FakeCluster(3);
    const p = plan({ kind: "suspend-process", process: "meshproof", targets: ["app@n1", "app@n3"], durationMs: 1_000 });
    await nemesisFor(p, "harness").invoke(cluster, p);
    expect(await stateOf(cluster, "app@n3", "meshproof")).toBe("suspended");
    await liftAllFaults(cluster);
    expect(await Promise.all(NODES.map((node) => stateOf(cluster, node, "meshproof")))).toEqual(["running", "running", "running"]);
    await liftAllFaults(cluster);
  });
});

describe("process faults through a whole iteration on a fake cluster", () => {
  const failures = (result: { checks: { verdict: string }[] }) => result.checks.filter((c) => c.verdict !== "pass");
  const iterate = (cluster: FakeCluster, fault: FaultPlan) => runFaultIteration({ cluster, history: new History(), deadlines: DEADLINES }, fault);

  it("passes kill-process, suspend-process and a kill on the same node, the evidence in the fault-applied detail", async () => {
    const cluster = new FakeCluster(3);
    const killed = await iterate(cluster, plan({ kind: "kill-process", process: "meshproof" }));
    const suspended = await iterate(cluster, plan({ index: 2, kind: "suspend-process", process: "global_name_server", durationMs: 50 }));
    const down = await iterate(cluster, plan({ index: 3, kind: "kill", durationMs: 30 }));
    expect([killed, suspended, down].flatMap(failures)).toEqual([]);
    expect(killed.checks.find((c) => c.name === "fault applied")?.detail).toBe(
      "the fault is in place; killed meshproof <0.80.0> on app@n2; meshproof is <0.81.0> now, started again by meshproof_pool_sup",
    );
    expect(suspended.checks.find((c) => c.name === "fault applied")?.detail).toMatch(/^the fault is in place; global_name_server <0\.50\.0> on app@n2 is suspended/);
    expect(suspended.checks.find((c) => c.name === "fault undone")?.verdict).toBe("pass");
  });

  it("passes a kill-process that takes its node down: the engine restarts it once, which is no cascade", async () => {
    const cluster = new FakeCluster(3);
    const result = await iterate(cluster, plan({ kind: "kill-process", process: "global_name_server" }));
    expect(failures(result)).toEqual([]);
    expect(result.checks.find((c) => c.name === "fault applied")?.detail).toMatch(/took the node down \(kernel_sup restarts none of its children/);
    expect(result.restartedBy).toBeUndefined();
  });

  it("fails a kill-process of a name no process holds, naming it and the node", async () => {
    const result = await iterate(new FakeCluster(3), plan({ kind: "kill-process", process: "no_such_process" }));
    expect(result.verdict).toBe("fail");
    expect(result.checks.find((c) => c.name === "fault applied")?.detail).toBe(
      "not observed within 1.5 s: no process on app@n2 is registered as no_such_process: nothing to kill",
    );
  });
});

describe("no cascade with nodes that may come back", () => {
  const info = (creation: number): NodeInfo => ({ otpRelease: "27", otpVersion: "27.0", kernelVersion: "10.0", creation, osPid: String(creation) });
  const before = new Map(NODES.map((node, i) => [node, info(i + 1)]));
  const after = (changed: Record<string, NodeInfo>): NodeObservation[] =>
    NODES.map((node) => ({ node, status: "ok", info: changed[node] ?? before.get(node)!, mesh: [], atMs: 0 }));
  const expectation = expectationOf(plan({ kind: "kill-process", process: "global_name_server" }), NODES, "harness");

  it("passes a target the engine restarted once, or not at all", () => {
    expect(checkNoCascade(expectation, after({ "app@n2": info(9) }), before, { "app@n2": 1 }).verdict).toBe("pass");
    expect(checkNoCascade(expectation, after({}), before, { "app@n2": 0 }).verdict).toBe("pass");
  });

  it("fails a target restarted twice, and any other node restarted", () => {
    expect(checkNoCascade(expectation, after({}), before, { "app@n2": 2 }).detail).toBe("the engine restarted app@n2 2 times, at most once expected");
    expect(checkNoCascade(expectation, after({ "app@n3": info(9) }), before, { "app@n3": 1 }).verdict).toBe("fail");
  });
});
