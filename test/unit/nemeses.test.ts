import { describe, it, expect } from "vitest";
import type { FaultPlan } from "../../src/config/fault-plan.js";
import { crashNemesis } from "../../src/nemesis/crash.js";
import { killNemesis } from "../../src/nemesis/kill.js";
import { nemesisFor } from "../../src/nemesis/nemeses.js";
import { netemNemesis } from "../../src/nemesis/netem.js";
import { disconnectPartitionNemesis } from "../../src/nemesis/partition-disconnect.js";
import { iptablesPartitionNemesis } from "../../src/nemesis/partition-iptables.js";
import { pauseNemesis } from "../../src/nemesis/pause.js";
import { stopNemesis } from "../../src/nemesis/stop.js";

function plan(fields: Partial<FaultPlan> & Pick<FaultPlan, "kind">): FaultPlan {
  return { index: 1, targets: ["app@n2"], durationMs: 1_000, waitBeforeMs: 0, ...fields };
}

describe("nemesisFor", () => {
  it.each([
    ["kill", killNemesis],
    ["kill-many", killNemesis],
    ["stop", stopNemesis],
  ] as const)("%s on the harness: the harness starts the targets again", (kind, nemesis) => {
    const n = nemesisFor(plan({ kind }), "harness");
    expect(n).toBe(nemesis);
    expect(n.recover).toBeTypeOf("function");
    expect(nemesisFor(plan({ kind }))).toBe(nemesis);
  });

  it.each([
    ["kill", killNemesis],
    ["kill-many", killNemesis],
    ["stop", stopNemesis],
  ] as const)("%s on swarm: the same invoke, no recover (swarm restarts the task)", (kind, nemesis) => {
    const n = nemesisFor(plan({ kind }), "swarm");
    expect(n.invoke).toBe(nemesis.invoke);
    expect(n.recover).toBeUndefined();
    expect("recover" in n).toBe(false);
  });

  it("leaves the shared kill and stop nemeses alone when handing out a swarm one", () => {
    nemesisFor(plan({ kind: "kill" }), "swarm");
    nemesisFor(plan({ kind: "stop" }), "swarm");
    expect(killNemesis.recover).toBeTypeOf("function");
    expect(stopNemesis.recover).toBeTypeOf("function");
  });

  it.each(["harness", "swarm"] as const)("pause on %s keeps its recover (unpause)", (restarter) => {
    const n = nemesisFor(plan({ kind: "pause" }), restarter);
    expect(n).toBe(pauseNemesis);
    expect(n.recover).toBeTypeOf("function");
  });

  it.each(["harness", "swarm"] as const)("crash on %s never has a recover", (restarter) => {
    const n = nemesisFor(plan({ kind: "crash", durationMs: 0 }), restarter);
    expect(n).toBe(crashNemesis);
    expect(n.recover).toBeUndefined();
  });

  it.each(["harness", "swarm"] as const)("partitions and shaping on %s are lifted by the harness", (restarter) => {
    expect(nemesisFor(plan({ kind: "partition", method: "iptables", shape: "halves" }), restarter)).toBe(iptablesPartitionNemesis);
    expect(nemesisFor(plan({ kind: "partition", shape: "halves" }), restarter)).toBe(iptablesPartitionNemesis);
    expect(nemesisFor(plan({ kind: "partition", method: "disconnect", shape: "isolate" }), restarter)).toBe(disconnectPartitionNemesis);
    expect(nemesisFor(plan({ kind: "delay", delayMs: 200 }), restarter)).toBe(netemNemesis);
    expect(nemesisFor(plan({ kind: "loss", lossPercent: 30 }), restarter)).toBe(netemNemesis);
    for (const n of [iptablesPartitionNemesis, disconnectPartitionNemesis, netemNemesis]) expect(n.recover).toBeTypeOf("function");
  });
});
