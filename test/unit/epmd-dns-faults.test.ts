import { describe, expect, it } from "vitest";
import type { Cluster } from "../../src/cluster/cluster.js";
import { parseInput } from "../../src/config/parse.js";
import type { ExecResult } from "../../src/docker/exec.js";
import { expectationOf, nemesisFor, planFault, type FaultPlan } from "../../src/faults/index.js";
import { liftAllFaults } from "../../src/faults/lift-all.js";
import type { ProbeRequest } from "../../src/probe/ops.js";
import { History } from "../../src/history/history.js";
import { runFaultIteration } from "../../src/run/fault-iteration.js";
import { seededRng } from "../../src/schedule/rng.js";
import { scenarioSchema } from "../../src/scenario/scenario.js";
import { FakeCluster } from "./fake-cluster.js";
import { usageError } from "./usage-error.js";

const NODES = ["app@n1", "app@n2", "app@n3"];

function plan(fields: Partial<FaultPlan> & Pick<FaultPlan, "kind">): FaultPlan {
  return { index: 1, targets: ["app@n2"], durationMs: 30, waitBeforeMs: 0, ...fields } as FaultPlan;
}

/** A cluster whose exec answers each script by `answer` (exit 0 with its stdout, or the result it gives), recording every command; discover answers `names`. */
function scripted(answer: (script: string) => string | ExecResult, names: string[] = ["app"]) {
  const scripts: [string, string][] = [];
  const cluster = {
    nodeNames: NODES,
    async addresses() {
      return { "app@n1": "10.0.0.2", "app@n2": "10.0.0.3", "app@n3": "10.0.0.4" };
    },
    async exec(node: string, cmd: string[]): Promise<ExecResult> {
      const script = cmd[0] === "sh" ? cmd[2]! : cmd.join(" ");
      scripts.push([node, script]);
      const given = answer(script);
      return typeof given === "string" ? { kind: "exited", exitCode: 0, stdout: given, stderr: "" } : given;
    },
    async ask(node: string, requests: ProbeRequest[]) {
      return { status: "ok", answers: requests.map((r) => ({ ok: true, op: r.op, node, result: { host: node.split("@")[1], names } })) };
    },
  };
  return { cluster: cluster as unknown as Cluster, scripts };
}

const DEADLINES = { detectMs: 1_500, healMs: 1_500, stableMs: 40 };

describe("epmd and dns specs", () => {
  it("default to a random target for 3 ticks", () => {
    const s = scenarioSchema.parse({ cluster: { netTicktime: 2 }, faults: [{ kind: "epmd" }, { kind: "dns" }] });
    expect(s.faults).toEqual([
      { kind: "epmd", target: "random", duration: 6_000 },
      { kind: "dns", target: "random", duration: 6_000 },
    ]);
  });

  it("keep a named target and a duration", () => {
    const s = scenarioSchema.parse({ cluster: { nodes: 3 }, faults: [{ kind: "dns", target: { nodes: ["app@n2"] }, duration: "10s" }] });
    expect(s.faults).toEqual([{ kind: "dns", target: { nodes: ["app@n2"] }, duration: 10_000 }]);
  });

  it("refuse fields they do not take, and targets the cluster lacks", () => {
    const problem = (input: unknown) => usageError(() => parseInput(scenarioSchema, input)).message;
    expect(problem({ faults: [{ kind: "dns", port: 53 }] })).toBe("faults.0.port: unknown key; expected one of kind, target, duration");
    expect(problem({ cluster: { nodes: 3 }, faults: [{ kind: "epmd", target: { nodes: ["app@n4"] } }] })).toContain("faults.0.target: no such node: app@n4");
  });

  it("refuse an epmd fault with one-shot probes, which find their node through epmd; dns takes either", () => {
    const problem = usageError(() => parseInput(scenarioSchema, { cluster: { probeMode: "oneshot" }, faults: [{ kind: "epmd" }] })).message;
    expect(problem).toBe(
      "faults.0.kind: an epmd fault needs probe sessions (--probe-mode session): a one-shot probe finds its node through epmd, so it could not see the target while epmd is down",
    );
    expect(scenarioSchema.parse({ cluster: { probeMode: "oneshot" }, faults: [{ kind: "dns" }] }).faults).toHaveLength(1);
  });

  it.each(["epmd", "dns"] as const)("%s plans its targets and its duration", (kind) => {
    expect(planFault({ kind, target: { nodes: ["app@n3"] }, duration: 4_000 }, NODES, seededRng(1), { netTicktime: 2 })).toEqual({ kind, targets: ["app@n3"], durationMs: 4_000 });
    expect(planFault({ kind, target: "random" }, NODES, seededRng(1), { netTicktime: 2 }).targets).toHaveLength(1);
  });

  it.each(["epmd", "dns"] as const)("%s keeps every established connection: the full mesh, exactly, on every node, and nobody may disconnect", (kind) => {
    const expectation = expectationOf(plan({ kind }), NODES, "harness");
    expect(expectation).toMatchObject({ observable: NODES, exactView: true, othersMayDisconnect: false, lostLinks: [], stopped: [], paused: [], reincarnated: [] });
    expect(expectation.view?.get("app@n2")).toEqual(["app@n1", "app@n3"]);
  });
});

describe("the epmd nemesis", () => {
  const nemesis = nemesisFor(plan({ kind: "epmd" }), "harness");

  it("kills epmd in the targets' containers (SIGKILL, as a crash) and starts it again where none runs", async () => {
    const { cluster, scripts } = scripted(() => "");
    await nemesis.invoke(cluster, plan({ kind: "epmd" }));
    await nemesis.recover!(cluster, plan({ kind: "epmd" }));
    expect(scripts.map(([node]) => node)).toEqual(["app@n2", "app@n2"]);
    expect(scripts[0]![1]).toBe('pids=$(pidof epmd) || { echo "no epmd runs in the container" >&2; exit 1; }; kill -KILL $pids');
    // started again, and tried again while none shows up (a start on a loaded host once left none behind)
    expect(scripts[1]![1]).toMatch(/^pidof epmd >\/dev\/null && exit 0; e=\$\(command -v epmd \|\| .*beam\.smp.*for try in .*; do "\$e" -daemon <\/dev\/null >\/dev\/null 2>&1; pidof epmd >\/dev\/null && exit 0; sleep 0\.2; done; echo "epmd did not start/);
  });

  it("fails to inflict where no epmd runs, saying so", async () => {
    const { cluster } = scripted(() => ({ kind: "exited", exitCode: 1, stdout: "", stderr: "no epmd runs in the container\n" }));
    await expect(nemesis.invoke(cluster, plan({ kind: "epmd" }))).rejects.toThrow(/on app@n2: .* failed \(exit 1: no epmd runs in the container\)/);
  });

  it("is in place where no epmd process runs, and names the pid where one still does", async () => {
    expect(await nemesis.inPlace!(scripted(() => "").cluster, plan({ kind: "epmd" }))).toEqual([]);
    expect(await nemesis.inPlace!(scripted(() => "34\n").cluster, plan({ kind: "epmd" }))).toEqual(["epmd still runs in app@n2's container (pid 34)"]);
    expect(await nemesis.evidence!(scripted(() => "").cluster, plan({ kind: "epmd" }))).toBe("no epmd process in app@n2's container");
  });

  it("is undone once the new epmd knows the node; says plainly when it does not, or when none runs", async () => {
    expect(await nemesis.undone!(scripted(() => "41\n", ["app"]).cluster, plan({ kind: "epmd" }))).toEqual([]);
    expect(await nemesis.undone!(scripted(() => "41\n", []).cluster, plan({ kind: "epmd" }))).toEqual([
      "epmd in app@n2's container does not know app@n2 after it restarted: new connections to app@n2 fail (the node never registered again)",
    ]);
    expect(await nemesis.undone!(scripted(() => "").cluster, plan({ kind: "epmd" }))).toEqual(["no epmd runs in app@n2's container: new connections to app@n2 fail"]);
  });
});

describe("the dns nemesis", () => {
  const nemesis = nemesisFor(plan({ kind: "dns" }), "harness");
  const failing: ExecResult = { kind: "exited", exitCode: 2, stdout: "", stderr: "" };

  it("drops the targets' queries to Docker's resolver, udp and tcp, in meshproof's chain, and flushes it on every node", async () => {
    const { cluster, scripts } = scripted(() => "");
    await nemesis.invoke(cluster, plan({ kind: "dns" }));
    expect(scripts.map(([node]) => node)).toEqual(["app@n2"]);
    expect(scripts[0]![1]).toContain("iptables -w -A MESHPROOF -d 127.0.0.11 -p udp -j DROP && iptables -w -A MESHPROOF -d 127.0.0.11 -p tcp -j DROP");
    const flushed = scripted(() => "");
    await nemesis.recover!(flushed.cluster, plan({ kind: "dns" }));
    expect(flushed.scripts.map(([node, script]) => [node, script])).toEqual(NODES.map((node) => [node, "iptables -w -F MESHPROOF 2>/dev/null || true"]));
  });

  it("is in place when its rules are listed and a peer's lookup fails in the target's container", async () => {
    const rules = "-N MESHPROOF\n-A MESHPROOF -d 127.0.0.11/32 -p udp -j DROP\n-A MESHPROOF -d 127.0.0.11/32 -p tcp -j DROP\n";
    const blocked = scripted((script) => (script.includes("getent") ? failing : rules));
    expect(await nemesis.inPlace!(blocked.cluster, plan({ kind: "dns" }))).toEqual([]);
    expect(blocked.scripts.find(([, script]) => script.includes("getent"))).toEqual(["app@n2", "timeout 3 getent hosts n1"]);
    expect(await nemesis.evidence!(blocked.cluster, plan({ kind: "dns" }))).toBe("127.0.0.11 dropped (udp and tcp); getent hosts n1 in app@n2's container failed (exit 2)");

    const resolving = scripted((script) => (script.includes("getent") ? "10.0.0.2 n1\n" : "-N MESHPROOF\n"));
    expect(await nemesis.inPlace!(resolving.cluster, plan({ kind: "dns" }))).toEqual(["app@n2 has 0 of its 2 iptables rules in place", "app@n2 still resolves n1 (10.0.0.2 n1)"]);
  });

  it("is undone when the target resolves its peer again", async () => {
    expect(await nemesis.undone!(scripted(() => "10.0.0.2 n1\n").cluster, plan({ kind: "dns" }))).toEqual([]);
    const hung: ExecResult = { kind: "exited", exitCode: 124, stdout: "", stderr: "" };
    expect(await nemesis.undone!(scripted(() => hung).cluster, plan({ kind: "dns" }))).toEqual(["app@n2 still cannot resolve n1 (no answer within 3 s): its new connections fail"]);
  });
});

describe("epmd and dns iterations on the fake cluster", () => {
  const iterate = (cluster: FakeCluster, fault: FaultPlan) => runFaultIteration({ cluster, history: new History(), deadlines: DEADLINES }, fault);

  it.each(["epmd", "dns"] as const)("%s passes: applied with its evidence, the mesh kept, undone after", async (kind) => {
    const cluster = new FakeCluster(3);
    const result = await iterate(cluster, plan({ kind }));
    expect(result.checks.filter((c) => c.verdict !== "pass")).toEqual([]);
    expect(result.checks.find((c) => c.name === "fault applied")?.detail).toContain(kind === "epmd" ? "no epmd process in app@n2's container" : "getent hosts n1 in app@n2's container failed");
    expect(result.checks.find((c) => c.name === "fault undone")).toMatchObject({ verdict: "pass" });
    expect(result.checks.find((c) => c.name === "fault undone")?.detail).toMatch(/^what the fault took is back, seen \d+\.\d s after the fault was lifted$/);
    expect(NODES.every((node) => NODES.every((peer) => peer === node || cluster.sees(node, peer)))).toBe(true);
  });

  it("epmd fails a node that never registers with the new epmd, saying so plainly", async () => {
    const cluster = new FakeCluster(3);
    cluster.reregisters = false;
    const result = await iterate(cluster, plan({ kind: "epmd" }));
    expect(result.verdict).toBe("fail");
    expect(result.checks.filter((c) => c.verdict !== "pass").map((c) => c.name)).toEqual(["fault undone"]);
    expect(result.checks.find((c) => c.name === "fault undone")?.detail).toContain(
      "epmd in app@n2's container does not know app@n2 after it restarted: new connections to app@n2 fail (the node never registered again)",
    );
  });
});

describe("liftAllFaults", () => {
  it("starts epmd where a running node has none, and nowhere else", async () => {
    const cluster = new FakeCluster(3);
    await nemesisFor(plan({ kind: "epmd" }), "harness").invoke(cluster, plan({ kind: "epmd" }));
    await cluster.kill("app@n3");
    await liftAllFaults(cluster);
    const discovered = await Promise.all(NODES.map((node) => cluster.ask(node, [{ op: "discover" }])));
    expect(discovered.map((o) => o.answers[0])).toMatchObject(NODES.map((node) => ({ ok: true, result: { names: ["app"] }, node })));
    // the killed node was started (its VM starts its own epmd), not handed one
    expect(cluster.calls).toContain("restart app@n3");
  });
});
