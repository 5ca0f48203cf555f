import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { History } from "../../src/history/history.js";
import { finalHeal } from "../../src/run/final-heal.js";
import { EventCursor } from "../../src/run/phases/iteration-context.js";
import { FakeCluster } from "./fake-cluster.js";

// generous for a fake: a loaded machine must not turn a pass into a missed deadline
const SCENARIO = { recoveryWindow: 1_500, deadlines: { detect: 1_500, heal: 1_500, stable: 40 } };

/** The final heal of a run on the fake cluster, its events judged from now on. */
async function heal(cluster: FakeCluster, scenario = SCENARIO) {
  const history = new History(join(mkdtempSync(join(tmpdir(), "meshproof-final-heal-")), "history.ndjson"));
  try {
    return await finalHeal({ cluster, history, events: new EventCursor(), invariants: [] }, scenario);
  } finally {
    history.close();
  }
}

describe("finalHeal on a fake cluster", () => {
  it("lifts what a run left in place (a paused node, a stopped one) and passes a cluster that comes back whole and stays so", async () => {
    const cluster = new FakeCluster(3);
    await cluster.pause("app@n2");
    await cluster.stop("app@n3");
    await sleep(20); // the nodedowns of the faults left in place are older than the run's last look, as in a run
    const { checks, layers } = await heal(cluster);
    expect(cluster.calls).toEqual(expect.arrayContaining(["unpause app@n2", "restart app@n3"]));
    expect(checks.map((c) => [c.name, c.verdict])).toEqual([
      ["final heal", "pass"],
      ["final heal: no unexpected disconnect", "pass"],
      ["final heal: views agreed between looks", "pass"],
    ]);
    expect(layers).toMatchObject({ mesh: "pass", pg: "pass", global: "pass" });
  });

  it("fails a cluster that is not whole within the recovery window, saying which layer and the window", async () => {
    const cluster = new FakeCluster(3);
    cluster.reconnects = false;
    await cluster.stop("app@n3");
    const { checks, layers } = await heal(cluster, { ...SCENARIO, recoveryWindow: 300 });
    expect(cluster.calls).toContain("restart app@n3");
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ name: "final heal", verdict: "fail" });
    expect(checks[0]!.detail).toMatch(/^mesh: not healthy within 0\.3 s: .*app@n3/);
    expect(layers.mesh).toBe("fail");
  });

  it("fails a heal that does not hold: a node that drops its connections between sweeps, though every sweep saw it whole", async () => {
    const cluster = new FakeCluster(3);
    cluster.flapping.add("app@n3");
    const { checks } = await heal(cluster);
    expect(checks.find((c) => c.name === "final heal")?.verdict).toBe("pass");
    expect(checks.find((c) => c.name === "final heal: no unexpected disconnect")).toMatchObject({ verdict: "fail", detail: expect.stringMatching(/lost app@n3 .* which no fault explains/) });
  });
});
