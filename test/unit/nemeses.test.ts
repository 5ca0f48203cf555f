import { describe, it, expect } from "vitest";
import type { Cluster } from "../../src/cluster/cluster.js";
import type { ExecResult } from "../../src/docker/exec.js";
import { crash } from "../../src/faults/crash.js";
import type { FaultPlan } from "../../src/faults/index.js";
import { nemesisFor, type Nemesis } from "../../src/faults/index.js";
import { kill } from "../../src/faults/kill.js";
import { pause } from "../../src/faults/pause.js";
import { stop } from "../../src/faults/stop.js";

const NODES = ["app@n1", "app@n2", "app@n3", "app@n4"];
const ADDRESSES: Record<string, string> = { "app@n1": "10.0.0.1", "app@n2": "10.0.0.2", "app@n3": "10.0.0.3", "app@n4": "10.0.0.4" };

function plan(fields: Partial<FaultPlan> & Pick<FaultPlan, "kind">): FaultPlan {
  return { index: 1, targets: ["app@n2"], durationMs: 1_000, waitBeforeMs: 0, ...fields } as FaultPlan;
}

/** One call the nemesis made on the cluster port: the method and its arguments. */
type Call = [method: string, ...args: unknown[]];

/** Just the port methods the nemeses use, each recording its call; exec succeeds. */
function stubCluster(): { cluster: Cluster; calls: Call[] } {
  const calls: Call[] = [];
  const record =
    (method: string) =>
    async (...args: unknown[]): Promise<void> => {
      calls.push([method, ...args]);
    };
  const stub = {
    nodeNames: NODES,
    kill: record("kill"),
    restart: record("restart"),
    stop: record("stop"),
    pause: record("pause"),
    unpause: record("unpause"),
    disconnect: record("disconnect"),
    connect: record("connect"),
    async addresses(): Promise<Record<string, string>> {
      calls.push(["addresses"]);
      return { ...ADDRESSES };
    },
    async exec(node: string, cmd: string[], options: { timeoutMs: number }): Promise<ExecResult> {
      calls.push(["exec", node, cmd, options]);
      return { kind: "exited", exitCode: 0, stdout: "", stderr: "" };
    },
  };
  return { cluster: stub as unknown as Cluster, calls };
}

async function invokeCalls(nemesis: Nemesis, p: FaultPlan): Promise<Call[]> {
  const { cluster, calls } = stubCluster();
  await nemesis.invoke(cluster, p);
  return calls;
}

async function recoverCalls(nemesis: Nemesis, p: FaultPlan): Promise<Call[]> {
  const { cluster, calls } = stubCluster();
  await nemesis.recover!(cluster, p);
  return calls;
}

/** The shell scripts run by exec calls, per node. */
function scripts(calls: Call[]): [string, string][] {
  return calls
    .filter((call) => call[0] === "exec")
    .map((call) => {
      const cmd = call[2] as string[];
      expect(cmd.slice(0, 2)).toEqual(["sh", "-c"]);
      return [call[1] as string, cmd[2]!];
    });
}

describe("nemesisFor", () => {
  it.each([
    ["kill", kill, [["kill", "app@n2"]]],
    ["kill-many", kill, [["kill", "app@n2"]]],
    ["stop", stop, [["stop", "app@n2", 5]]],
  ] as const)("%s on the harness: the harness starts the targets again", async (kind, module, invoked) => {
    const n = nemesisFor(plan({ kind }), "harness");
    expect(n.recover).toBeTypeOf("function");
    expect(await invokeCalls(n, plan({ kind }))).toEqual(invoked);
    expect(await recoverCalls(n, plan({ kind }))).toEqual([["restart", "app@n2"]]);
    // the kind's own module gives the same nemesis
    const own = module.nemesis("harness");
    expect(own.recover).toBeTypeOf("function");
    expect(await invokeCalls(own, plan({ kind }))).toEqual(invoked);
    expect(await recoverCalls(own, plan({ kind }))).toEqual([["restart", "app@n2"]]);
  });

  it.each([
    ["kill", kill, [["kill", "app@n2"]]],
    ["kill-many", kill, [["kill", "app@n2"]]],
    ["stop", stop, [["stop", "app@n2", 5]]],
  ] as const)("%s on swarm: the same invoke, no recover (swarm restarts the task)", async (kind, module, invoked) => {
    const n = nemesisFor(plan({ kind }), "swarm");
    expect(await invokeCalls(n, plan({ kind }))).toEqual(invoked);
    expect(await invokeCalls(n, plan({ kind }))).toEqual(await invokeCalls(module.nemesis("harness"), plan({ kind })));
    expect(n.recover).toBeUndefined();
    expect("recover" in n).toBe(false);
    expect(module.nemesis("swarm").recover).toBeUndefined();
    expect("recover" in module.nemesis("swarm")).toBe(false);
  });

  it("leaves the kill and stop nemeses of the harness alone when handing out a swarm one", () => {
    nemesisFor(plan({ kind: "kill" }), "swarm");
    nemesisFor(plan({ kind: "stop" }), "swarm");
    expect(kill.nemesis("harness").recover).toBeTypeOf("function");
    expect(stop.nemesis("harness").recover).toBeTypeOf("function");
    expect(nemesisFor(plan({ kind: "kill" }), "harness").recover).toBeTypeOf("function");
    expect(nemesisFor(plan({ kind: "stop" }), "harness").recover).toBeTypeOf("function");
  });

  it("stop gives the targets the plan's grace, in whole seconds", async () => {
    const p = plan({ kind: "stop", targets: ["app@n1", "app@n3"], graceMs: 2_500 });
    expect(await invokeCalls(nemesisFor(p, "harness"), p)).toEqual([
      ["stop", "app@n1", 3],
      ["stop", "app@n3", 3],
    ]);
  });

  it.each(["harness", "swarm"] as const)("pause on %s keeps its recover (unpause)", async (restarter) => {
    const n = nemesisFor(plan({ kind: "pause" }), restarter);
    expect(n.recover).toBeTypeOf("function");
    expect(await invokeCalls(n, plan({ kind: "pause" }))).toEqual([["pause", "app@n2"]]);
    expect(await recoverCalls(n, plan({ kind: "pause" }))).toEqual([["unpause", "app@n2"]]);
    expect(await invokeCalls(pause.nemesis(restarter), plan({ kind: "pause" }))).toEqual([["pause", "app@n2"]]);
  });

  it.each(["harness", "swarm"] as const)("crash on %s never has a recover", async (restarter) => {
    const n = nemesisFor(plan({ kind: "crash", durationMs: 0 }), restarter);
    expect(n.recover).toBeUndefined();
    expect(crash.nemesis(restarter).recover).toBeUndefined();
    // the BEAM inside the container, not the container's init
    expect(await invokeCalls(n, plan({ kind: "crash", durationMs: 0 }))).toEqual([["exec", "app@n2", ["pkill", "-KILL", "-x", "beam.smp"], { timeoutMs: 10_000 }]]);
  });

  it.each(["harness", "swarm"] as const)("partitions and shaping on %s are lifted by the harness", async (restarter) => {
    const halves = plan({ kind: "partition", method: "iptables", shape: "halves" });
    const noMethod = plan({ kind: "partition", shape: "halves" });
    const isolate = plan({ kind: "partition", method: "disconnect", shape: "isolate" });
    const delay = plan({ kind: "delay", delayMs: 200 });
    const loss = plan({ kind: "loss", probability: 0.3 });
    for (const p of [halves, noMethod, isolate, delay, loss]) expect(nemesisFor(p, restarter).recover).toBeTypeOf("function");

    // iptables (also without a method): flushes meshproof's chain on every node
    for (const p of [halves, noMethod]) {
      const flushed = scripts(await recoverCalls(nemesisFor(p, restarter), p));
      expect(flushed.map(([node]) => node).sort()).toEqual(NODES);
      for (const [, script] of flushed) expect(script).toBe("iptables -w -F MESHPROOF 2>/dev/null || true");
    }
    // disconnect: off the network and back on it, nothing run in the containers
    expect(await invokeCalls(nemesisFor(isolate, restarter), isolate)).toEqual([["disconnect", "app@n2"]]);
    expect(await recoverCalls(nemesisFor(isolate, restarter), isolate)).toEqual([["connect", "app@n2"]]);
    // netem on the targets' interface, and off again
    expect(scripts(await invokeCalls(nemesisFor(delay, restarter), delay))).toEqual([["app@n2", "tc qdisc replace dev eth0 root netem delay 200ms"]]);
    expect(scripts(await recoverCalls(nemesisFor(delay, restarter), delay))).toEqual([["app@n2", "tc qdisc del dev eth0 root 2>/dev/null || true"]]);
    // loss: iptables' statistic match on the target, both ways to every peer; lifted with the chain
    const lossRules = scripts(await invokeCalls(nemesisFor(loss, restarter), loss));
    expect(lossRules.map(([node]) => node)).toEqual(["app@n2"]);
    expect(lossRules[0]![1]).toContain("-m statistic --mode random --probability 0.3 -j DROP");
    expect(lossRules[0]![1].match(/statistic/g)).toHaveLength(2 * (NODES.length - 1));
  });

  it("an iptables partition drops, in each node's namespace, traffic from and to the peers outside its view", async () => {
    const p = plan({
      kind: "partition",
      method: "iptables",
      shape: "halves",
      targets: ["app@n1", "app@n2"],
      view: { "app@n1": ["app@n2"], "app@n2": ["app@n1"], "app@n3": ["app@n4"], "app@n4": ["app@n3"] },
    });
    const calls = await invokeCalls(nemesisFor(p, "harness"), p);
    expect(calls[0]).toEqual(["addresses"]);
    const byNode = Object.fromEntries(scripts(calls));
    expect(Object.keys(byNode).sort()).toEqual(NODES);
    const n1 = byNode["app@n1"]!;
    // the chain first (idempotently), then the rules, all or nothing
    expect(n1.startsWith("iptables -w -N MESHPROOF 2>/dev/null || true && ")).toBe(true);
    expect(n1).toContain("iptables -w -C INPUT -j MESHPROOF 2>/dev/null || iptables -w -I INPUT -j MESHPROOF");
    expect(n1).toContain("iptables -w -C OUTPUT -j MESHPROOF 2>/dev/null || iptables -w -I OUTPUT -j MESHPROOF");
    for (const ip of ["10.0.0.3", "10.0.0.4"]) {
      expect(n1).toContain(`iptables -w -A MESHPROOF -s ${ip} -j DROP`);
      expect(n1).toContain(`iptables -w -A MESHPROOF -d ${ip} -j DROP`);
    }
    expect(n1).not.toContain("10.0.0.1");
    expect(n1).not.toContain("10.0.0.2");
    expect(byNode["app@n3"]).toContain("iptables -w -A MESHPROOF -s 10.0.0.1 -j DROP");
    expect(byNode["app@n3"]).not.toContain("10.0.0.4");
  });

  const HALVES_VIEW = { "app@n1": ["app@n2"], "app@n2": ["app@n1"], "app@n3": ["app@n4"], "app@n4": ["app@n3"] };

  it.each([
    ["inbound", ["-s 10.0.0.3 -j DROP", "-s 10.0.0.4 -j DROP"], ["-d "]],
    ["outbound", ["-d 10.0.0.3 -j DROP", "-d 10.0.0.4 -j DROP"], ["-s "]],
  ] as const)("a one-way (%s) partition cuts only on the cut side, only that way", async (direction, present, absent) => {
    const p = plan({ kind: "partition", method: "iptables", direction, shape: "halves", targets: ["app@n1", "app@n2"], view: HALVES_VIEW });
    const byNode = Object.fromEntries(scripts(await invokeCalls(nemesisFor(p, "harness"), p)));
    expect(Object.keys(byNode).sort()).toEqual(["app@n1", "app@n2"]);
    for (const rule of present) expect(byNode["app@n1"]).toContain(`iptables -w -A MESHPROOF ${rule}`);
    for (const rule of absent) expect(byNode["app@n1"]).not.toContain(`-A MESHPROOF ${rule}`);
  });

  it("a reset partition answers TCP with a reset, lets resets through and drops the rest, both ways", async () => {
    const p = plan({ kind: "partition", method: "reset", shape: "halves", targets: ["app@n1", "app@n2"], view: HALVES_VIEW });
    const n3 = Object.fromEntries(scripts(await invokeCalls(nemesisFor(p, "harness"), p)))["app@n3"]!;
    for (const side of ["-s 10.0.0.1", "-d 10.0.0.1", "-s 10.0.0.2", "-d 10.0.0.2"]) {
      const rules = [`${side} -p tcp --tcp-flags RST RST -j ACCEPT`, `${side} -p tcp -j REJECT --reject-with tcp-reset`, `${side} -j DROP`];
      expect(n3).toContain(rules.map((rule) => `iptables -w -A MESHPROOF ${rule}`).join(" && "));
    }
  });

  it("bandwidth: a token bucket at the rate on the targets' interface, removed at recovery", async () => {
    const p = plan({ kind: "bandwidth", rate: "64kbit" });
    expect(scripts(await invokeCalls(nemesisFor(p, "harness"), p))).toEqual([["app@n2", "tc qdisc replace dev eth0 root tbf rate 64kbit burst 32kbit latency 400ms"]]);
    expect(scripts(await recoverCalls(nemesisFor(p, "harness"), p))).toEqual([["app@n2", "tc qdisc del dev eth0 root 2>/dev/null || true"]]);
  });
});

describe("a fault's own evidence (inPlace)", () => {
  /** A cluster whose exec answers every script with `stdout`. */
  function answering(stdout: string): Cluster {
    const { cluster } = stubCluster();
    return { ...cluster, nodeNames: NODES, addresses: async () => ({ ...ADDRESSES }), exec: async () => ({ kind: "exited", exitCode: 0, stdout, stderr: "" }) } as Cluster;
  }

  it("a qdisc fault is in place where tc shows its qdisc, and says where it is not", async () => {
    const p = plan({ kind: "bandwidth", rate: "1mbit" });
    expect(await nemesisFor(p, "harness").inPlace!(answering("qdisc tbf 8001: root refcnt 3 rate 1Mbit"), p)).toEqual([]);
    expect(await nemesisFor(p, "harness").inPlace!(answering("qdisc noqueue 0: root refcnt 2"), p)).toEqual(["app@n2 has no tbf qdisc in place"]);
  });

  it("an iptables fault is in place where its chain lists every rule of the node", async () => {
    const p = plan({ kind: "loss", probability: 0.5 });
    const six = Array.from({ length: 6 }, () => "-A MESHPROOF -s 10.0.0.1 -m statistic --mode random --probability 0.5 -j DROP").join("\n");
    expect(await nemesisFor(p, "harness").inPlace!(answering(`-N MESHPROOF\n${six}`), p)).toEqual([]);
    expect(await nemesisFor(p, "harness").inPlace!(answering("-N MESHPROOF"), p)).toEqual(["app@n2 has 0 of its 6 iptables rules in place"]);
  });
});
