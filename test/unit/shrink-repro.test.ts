import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { nodeNames } from "../../src/cluster/cluster-node.js";
import { planFaults } from "../../src/run/plan-schedule.js";
import { scenarioSchema } from "../../src/scenario/scenario.js";
import { reproScenario } from "../../src/shrink/repro-scenario.js";
import { specOfPlan } from "../../src/faults/index.js";
import { violatedCheck } from "../../src/report/violated-check.js";
import { userImageCompose } from "../../src/compose/user-image-compose.js";
import { clusterOptionsSchema } from "../../src/config/cluster-options.js";

const RUN = scenarioSchema.parse({
  cluster: { nodes: 5, image: "shop:1", nodeCmd: "exec erl -sname {name} -kernel net_ticktime {net_ticktime}", netTicktime: 2 },
  faults: [{ kind: "kill", downtime: "2s" }, { kind: "stop" }, { kind: "loss", probability: 0.2 }, { kind: "kill-process", process: "shop_sup" }],
  count: 12,
  interval: "1s",
  deadlines: { heal: "7s" },
});

describe("the repro scenario", () => {
  it("names each fault's targets and keeps its parameters, so planning it gives the very fault", () => {
    const [stop, loss] = planFaults({ ...RUN, faults: [RUN.faults[1]!, RUN.faults[2]!], order: "cycle" }, nodeNames(5), 7);
    expect(specOfPlan(stop!)).toEqual({ kind: "stop", target: { nodes: stop!.targets }, downtime: 1_000, grace: 5_000 });
    expect(specOfPlan(loss!)).toEqual({ kind: "loss", target: { nodes: loss!.targets }, probability: 0.2, duration: 6_000 });
  });

  it("replays a candidate exactly with every option of the run: the image, its node command, deadlines; order cycle, fewer nodes", () => {
    const schedule = planFaults(RUN, nodeNames(5), 7).filter((p) => p.targets.every((t) => t <= "app@n3")).slice(0, 4);
    const repro = reproScenario(RUN, 7, { nodes: 3, schedule }, "shrunk");
    expect(repro.inexact).toEqual([]);
    expect(repro.input).toMatchObject({ order: "cycle", count: schedule.length, seed: 7, interval: "1s", stagger: false });
    expect(repro.scenario.cluster).toMatchObject({ nodes: 3, image: "shop:1", nodeCmd: RUN.cluster.nodeCmd, netTicktime: 2 });
    expect(repro.scenario.deadlines.heal).toBe(7_000);
    expect(planFaults(repro.scenario, nodeNames(3), 7)).toEqual(schedule.map((p, i) => ({ ...p, index: i + 1 })));
  });

  it("says which faults it cannot plan exactly: a partition's view comes from the seed, uneven waits from stagger", () => {
    const run = scenarioSchema.parse({ cluster: { nodes: 5 }, faults: [{ kind: "partition" }, { kind: "kill" }], order: "cycle", count: 4, interval: "1s", stagger: true });
    const schedule = planFaults(run, nodeNames(5), 3);
    const repro = reproScenario(run, 3, { nodes: 5, schedule }, "shrunk");
    expect(repro.inexact.length).toBeGreaterThan(0);
    expect(repro.inexact.some((what) => what.includes("partition"))).toBe(true);
  });
});

describe("violatedCheck", () => {
  it("is the first failed check of the failed iteration, else of the run's checks", () => {
    const check = (name: string, verdict: "pass" | "fail") => ({ name, verdict, detail: `${name} detail` });
    const iteration = (checks: ReturnType<typeof check>[]) => ({ checks }) as never;
    expect(violatedCheck({ iterations: [iteration([check("a", "pass")]), iteration([check("b", "pass"), check("mesh", "fail")])], checks: [check("final heal", "fail")] })).toEqual({ name: "mesh", detail: "mesh detail" });
    expect(violatedCheck({ iterations: [], checks: [check("cluster formed", "fail")] })?.name).toBe("cluster formed");
    expect(violatedCheck({ iterations: [], checks: [] })).toBeUndefined();
  });
});

describe("userImageCompose", () => {
  it("starts each node of the user's image by its node command, after putting the cookie secret in place", () => {
    const options = clusterOptionsSchema.parse({ nodes: 2, image: "shop:1", nodeCmd: 'PEERS="{peers}" exec erl -sname {name}' });
    const file = userImageCompose({ ...options, image: "shop:1", nodeCmd: options.nodeCmd! });
    const { services } = parseYaml(file) as { services: Record<string, { image: string; command: string[]; labels: Record<string, string> }> };
    expect(services.n2!.image).toBe("shop:1");
    expect(services.n2!.command[0]).toMatch(/^mkdir -p \S+ && cp \/run\/secrets\/erlang_cookie .* && PEERS="app@n1 app@n2" exec erl -sname app$/);
    // a cluster of the user's own: meshproof down must not remove it
    expect(Object.keys(services.n2!.labels)).not.toContain("meshproof.run");
  });
});
