import { describe, expect, it } from "vitest";
import { expectationOf, type FaultPlan } from "../../src/faults/index.js";
import { GlobalNamesWorkload } from "../../src/run/global-names.js";
import { FakeCluster } from "./fake-cluster.js";

const cluster = new FakeCluster(4);

function plan(fields: Partial<FaultPlan> & Pick<FaultPlan, "kind" | "targets">): FaultPlan {
  return { index: 1, durationMs: 100, waitBeforeMs: 0, ...fields } as FaultPlan;
}

describe("the global-names workload", () => {
  it("registers on a target and on a node the fault cut it from", () => {
    const view = { "app@n1": ["app@n2"], "app@n2": ["app@n1"], "app@n3": ["app@n4"], "app@n4": ["app@n3"] };
    const halves = plan({ kind: "partition", shape: "halves", method: "iptables", view, targets: ["app@n1", "app@n2"] });
    expect(GlobalNamesWorkload.on(cluster, halves, expectationOf(halves, cluster.nodeNames, "harness"))).toMatchObject({ sides: ["app@n1", "app@n3"] });
  });

  it("has nothing to do for a fault that leaves no two answering nodes apart", () => {
    const kill = plan({ kind: "kill", targets: ["app@n2"] });
    expect(GlobalNamesWorkload.on(cluster, kill, expectationOf(kill, cluster.nodeNames, "harness"))).toBeUndefined();
    const pause = plan({ kind: "pause", targets: ["app@n2"] });
    expect(GlobalNamesWorkload.on(cluster, pause, expectationOf(pause, cluster.nodeNames, "harness"))).toBeUndefined();
  });
});
