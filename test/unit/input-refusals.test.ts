import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { scenarioOverrides, type ScenarioFlags } from "../../src/cli/scenario-flags.js";
import { parseInput } from "../../src/config/parse.js";
import { engineProblems } from "../../src/faults/index.js";
import { resolveScenario } from "../../src/scenario/load-scenario.js";
import { scenarioSchema } from "../../src/scenario/scenario.js";
import { usageError } from "./usage-error.js";

/*
 * Input that was accepted but meant something else, or nothing: each is
 * refused before anything starts, naming the field (its path or flag).
 */
const NO_UNIT = "has no unit: a duration needs one, e.g. 1s or 500ms";

function flagProblem(flags: ScenarioFlags): string {
  const { overrides, flagOf } = scenarioOverrides(flags, undefined);
  return usageError(() => resolveScenario(undefined, overrides, flagOf)).message;
}

const fileProblem = (data: Record<string, unknown>) => usageError(() => resolveScenario({ path: "s.yaml", data }, {}, () => undefined)).message;
const problemOf = (input: unknown) => usageError(() => parseInput(scenarioSchema, input)).message;

describe("a duration without its unit", () => {
  it.each([
    [{ stableFor: "1" }, "--stable-for"],
    [{ healDeadline: "30" }, "--heal-deadline"],
    [{ detectDeadline: "15000" }, "--detect-deadline"],
    [{ recoveryWindow: "30" }, "--recovery-window"],
    [{ healP95Budget: "10" }, "--heal-p95-budget"],
    [{ readyDeadline: "60" }, "--ready-deadline"],
    [{ probeTimeout: "10" }, "--probe-timeout"],
    [{ interval: "2" }, "--interval"],
    [{ downtime: "500" }, "--downtime"],
  ] as [ScenarioFlags, string][])("is refused from a flag %j, by the flag's name", (flags, flag) => {
    const value = Object.values(flags)[0] as string;
    expect(flagProblem(flags)).toBe(`${flag}: "${value}" ${NO_UNIT}`);
  });

  it("is refused from --fault-duration and from a field in --faults", () => {
    expect(flagProblem({ faults: "pause", faultDuration: "8" })).toBe(`--fault-duration: "8" ${NO_UNIT}`);
    expect(flagProblem({ faults: "partition:duration=5" })).toBe(`--faults: "5" ${NO_UNIT}`);
  });

  it.each([
    [{ interval: 0 }, "interval", 0],
    [{ deadlines: { stable: 1 } }, "deadlines.stable", 1],
    [{ cluster: { readyDeadline: 60000 } }, "cluster.readyDeadline", 60000],
    [{ budget: { healP95: { kill: 2 } } }, "budget.healP95.kill", 2],
    [{ faults: [{ kind: "kill", downtime: 1000 }] }, "faults.0.downtime", 1000],
    [{ faults: [{ kind: "stop", grace: 5 }] }, "faults.0.grace", 5],
    [{ faults: [{ kind: "delay", delay: 200 }] }, "faults.0.delay", 200],
    [{ faults: [{ kind: "pause", duration: "8000" }] }, "faults.0.duration", "8000"],
  ])("is refused from a scenario file %j (a YAML number, or a string of one), at its path", (data, path, value) => {
    expect(fileProblem(data)).toBe(`s.yaml: ${path}: "${value}" ${NO_UNIT}`);
  });
});

describe("a fault that would do nothing", () => {
  it.each(["partition", "loss", "bandwidth", "cpu", "epmd", "dns", "delay", "pause", "suspend-process"])("refuses a %s of duration 0", (kind) => {
    expect(problemOf({ faults: [{ kind, duration: "0s" }] })).toBe("faults.0.duration: must be longer than 0 (use e.g. 500ms, 30s, 2m)");
  });

  it("refuses a delay of 0, and a duration that rounds to 0", () => {
    expect(problemOf({ faults: [{ kind: "delay", delay: "0ms" }] })).toBe("faults.0.delay: must be longer than 0 (use e.g. 500ms, 30s, 2m)");
    expect(problemOf({ faults: [{ kind: "loss", duration: "0.2ms" }] })).toBe("faults.0.duration: must be longer than 0 (use e.g. 500ms, 30s, 2m)");
  });

  it("still takes a kill or stop that is down for 0 (the node is killed, then started at once)", () => {
    expect(scenarioSchema.parse({ faults: [{ kind: "kill", downtime: "0s" }, { kind: "stop", downtime: "0s", grace: "0s" }] }).faults).toMatchObject([{ downtime: 0 }, { downtime: 0, grace: 0 }]);
  });

  it("refuses a cpu limit of at least the engine's CPUs, which limits nothing, naming the fault", () => {
    const faults = [{ kind: "kill" }, { kind: "cpu", cpus: 1000 }, { kind: "cpu", cpus: 2 }, { kind: "cpu", cpus: 1.5 }];
    const noLimitProblems = (cpus: number) => engineProblems(faults, { cpus, netem: { offered: true } });
    expect(noLimitProblems(2)).toEqual([
      "faults.1.cpus: 1000 CPUs is no limit on an engine with 2: the fault would do nothing (give fewer than 2)",
      "faults.2.cpus: 2 CPUs is no limit on an engine with 2: the fault would do nothing (give fewer than 2)",
    ]);
    expect(noLimitProblems(1001)).toEqual([]);
  });
});

describe("a majority or minority that cannot be one", () => {
  it.each([
    ["majority", "a majority of 2 nodes is both of them, which would leave no survivor: it needs at least 3 nodes (on 2, use random or { count: 1 })"],
    ["minority", "a minority of 2 nodes is none of them: it needs at least 3 nodes (on 2, use random or { count: 1 })"],
  ])("refuses a %s of 2 nodes", (target, message) => {
    expect(problemOf({ cluster: { nodes: 2 }, faults: [{ kind: "pause", target }] })).toBe(`faults.0.target: ${message}`);
  });

  it("refuses kill-many on 2 nodes, whose target is a minority unless given", () => {
    expect(problemOf({ cluster: { nodes: 2 }, faults: [{ kind: "kill-many" }] })).toMatch(/^faults\.0\.target: a minority of 2 nodes is none of them/);
  });

  it("takes both on 3 nodes", () => {
    expect(scenarioSchema.safeParse({ cluster: { nodes: 3 }, faults: [{ kind: "kill-many", target: "majority" }, { kind: "kill-many" }] }).success).toBe(true);
  });
});

describe("a duration longer than a Node timer holds", () => {
  it("is refused at its path, wherever it is", () => {
    expect(problemOf({ deadlines: { heal: "30d" } })).toBe("deadlines.heal: 30d is longer than a Node timer holds (2147483647 ms, about 24.8 days): it would fire at once");
    expect(problemOf({ faults: [{ kind: "pause", duration: "25d" }] })).toMatch(/^faults\.0\.duration: 25d is longer than a Node timer holds/);
  });

  it("refuses an interval whose staggered waits (up to twice it) would be", () => {
    expect(problemOf({ interval: "13d", stagger: true })).toBe("interval: with stagger a wait may last 2 x interval, longer than a Node timer holds (2147483647 ms, about 24.8 days)");
    expect(scenarioSchema.safeParse({ interval: "13d" }).success).toBe(true);
  });
});

describe("meshproof run", () => {
  it("exits 2 on a bare-number flag, naming it, before it asks any engine", { timeout: 30_000 }, async () => {
    const result = await execa("node", ["--import", "tsx", "src/cli/main.ts", "run", "--stable-for", "1"], { reject: false, env: { DOCKER_HOST: "unix:///nonexistent/docker.sock" } });
    expect(result.stderr).toBe(`meshproof: --stable-for: "1" ${NO_UNIT}`);
    expect(result.exitCode).toBe(2);
  });
});
