import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it, expect } from "vitest";
import { readScenarioFile, resolveScenario } from "../../src/scenario/load-scenario.js";
import { parseInput } from "../../src/config/parse.js";
import { scenarioSchema } from "../../src/scenario/scenario.js";
import { storedScenarioSchema } from "../../src/scenario/stored-scenario.js";
import { UsageError } from "../../src/errors.js";
import { usageError } from "./usage-error.js";


async function usageErrorOf(promise: Promise<unknown>): Promise<UsageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

/** The message of the scenario's validation error, fields named by their dotted path. */
function problemOf(input: unknown): string {
  return usageError(() => parseInput(scenarioSchema, input)).message;
}

describe("scenarioSchema defaults", () => {
  it("gives ten kills of one random node, down for 1 s, on the default cluster", () => {
    const s = scenarioSchema.parse({});
    expect(s.faults).toEqual([{ kind: "kill", target: "random", downtime: 1_000 }]);
    expect(s.count).toBe(10);
    expect(s.order).toBe("random");
    expect(s.interval).toBe(0);
    expect(s.stagger).toBe(false);
    expect(s.finalHeal).toBe(true);
    expect(s.recoveryWindow).toBe(30_000);
    expect(s.deadlines).toEqual({ detect: 15_000, heal: 30_000, stable: 1_000 });
    expect(s.budget).toEqual({});
    expect(s.cluster.nodes).toBe(5);
    expect(s.cluster.netTicktime).toBe(5);
    expect(s.seed).toBeUndefined();
  });

  it("fills each fault's own defaults", () => {
    const s = scenarioSchema.parse({
      faults: [{ kind: "kill-many" }, { kind: "stop" }, { kind: "crash" }, { kind: "delay" }, { kind: "loss" }, { kind: "partition" }],
    });
    expect(s.faults).toEqual([
      { kind: "kill-many", target: "minority", downtime: 1_000 },
      { kind: "stop", target: "random", downtime: 1_000, grace: 5_000 },
      { kind: "crash", target: "random" },
      { kind: "delay", target: "random", delay: 200, duration: 15_000 },
      { kind: "loss", target: "random", probability: 0.3, duration: 15_000 },
      { kind: "partition", shape: "random", method: "iptables", direction: "both", duration: 15_000 },
    ]);
  });

  it("derives timed faults' durations and the detect deadline from net_ticktime 3", () => {
    const s = scenarioSchema.parse({ cluster: { netTicktime: 3 }, faults: [{ kind: "pause" }, { kind: "partition" }] });
    expect(s.faults.map((f) => ("duration" in f ? f.duration : undefined))).toEqual([9_000, 9_000]);
    // 3 ticks are 9 s, less than the 15 s floor
    expect(s.deadlines.detect).toBe(15_000);
  });

  it("derives a detect deadline of 3 ticks from net_ticktime 10", () => {
    const s = scenarioSchema.parse({ cluster: { netTicktime: 10 }, faults: [{ kind: "pause" }] });
    expect(s.deadlines.detect).toBe(30_000);
    expect(s.faults[0]).toMatchObject({ duration: 30_000 });
  });

  it("keeps explicit durations and deadlines", () => {
    const s = scenarioSchema.parse({
      cluster: { netTicktime: 10 },
      faults: [{ kind: "pause", duration: "13s" }, { kind: "partition", duration: "12500ms" }],
      deadlines: { detect: "5s", heal: "1m", stable: "2s" },
      recoveryWindow: "45s",
      interval: "250ms",
    });
    expect(s.faults.map((f) => ("duration" in f ? f.duration : undefined))).toEqual([13_000, 12_500]);
    expect(s.deadlines).toEqual({ detect: 5_000, heal: 60_000, stable: 2_000 });
    expect(s.recoveryWindow).toBe(45_000);
    expect(s.interval).toBe(250);
  });

  it("gives no duration to kills (their downtime is their length)", () => {
    expect(scenarioSchema.parse({ faults: [{ kind: "kill" }] }).faults[0]).not.toHaveProperty("duration");
  });

  it("reads numbers given as strings, as from flags", () => {
    const s = scenarioSchema.parse({ count: "3", seed: "77", cluster: { nodes: "4" } });
    expect(s).toMatchObject({ count: 3, seed: 77, cluster: { nodes: 4 } });
  });

  it("reads its own output, durations in ms, back to the same scenario as the report stores it", () => {
    const s = scenarioSchema.parse({ cluster: { netTicktime: 4 }, faults: [{ kind: "pause" }, { kind: "partition", shape: "ring" }] });
    expect(storedScenarioSchema.parse(s)).toEqual(s);
  });
});

describe("scenarioSchema errors", () => {
  it("rejects an unknown top-level key at its own path, with the key meant", () => {
    expect(problemOf({ faultz: [] })).toBe("faultz: unknown key; did you mean faults?");
  });

  it("rejects unknown keys inside a fault, a target, deadlines and budget, each at its own path", () => {
    expect(problemOf({ faults: [{ kind: "kill", duration: "1s" }] })).toBe("faults.0.duration: unknown key; expected one of kind, target, downtime");
    expect(problemOf({ faults: [{ kind: "pause", targt: "random" }] })).toBe("faults.0.targt: unknown key; did you mean target?");
    expect(problemOf({ faults: [{ kind: "kill", target: { cout: 2 } }] })).toBe("faults.0.target.cout: unknown key; did you mean count?");
    expect(problemOf({ deadlines: { heal: "1s", final: "2s" } })).toBe("deadlines.final: unknown key; expected one of detect, heal, stable");
    expect(problemOf({ budget: { healp95: "2s" } })).toBe("budget.healp95: unknown key; did you mean healP95?");
  });

  it("rejects unknown cluster options instead of dropping them, naming the option meant", () => {
    expect(problemOf({ cluster: { node: 3, netTicktime: 1 } })).toBe("cluster.node: unknown key; did you mean nodes?");
    expect(problemOf({ cluster: { nodes: 3, net_ticktime: 1 } })).toBe("cluster.net_ticktime: unknown key; did you mean netTicktime?");
    expect(scenarioSchema.parse({ cluster: { nodes: 3, netTicktime: 1 } }).cluster).toMatchObject({ nodes: 3, netTicktime: 1 });
  });

  it("names every unknown key of one object, each on its own line", () => {
    expect(problemOf({ cluster: { node: 3, pgGroup: "none" } }).split("\n")).toEqual([
      "cluster.node: unknown key; did you mean nodes?",
      "cluster.pgGroup: unknown key; did you mean pgGroups?",
    ]);
  });

  it("rejects an unknown fault kind at its path, with the kind meant", () => {
    expect(problemOf({ faults: [{ kind: "kill" }, { kind: "explode" }] })).toMatch(/^faults\.1\.kind: unknown fault kind "explode"; expected one of kill, /);
    expect(problemOf({ faults: [{ kind: "pauze" }] })).toBe('faults.0.kind: unknown fault kind "pauze"; did you mean pause?');
    expect(problemOf({ faults: [{ target: "random" }] })).toMatch(/^faults\.0\.kind: a fault needs a kind: one of kill, /);
  });

  it("takes a target of either count or nodes, not both and not neither", () => {
    expect(problemOf({ faults: [{ kind: "kill", target: { count: 1, nodes: ["app@n2"] } }] })).toBe("faults.0.target: give either count or nodes");
    expect(problemOf({ faults: [{ kind: "kill", target: {} }] })).toBe("faults.0.target: give either count or nodes");
    expect(problemOf({ faults: [{ kind: "kill", target: "someone" }] })).toBe(
      "faults.0.target: must be random, minority, majority, { count: N } or { nodes: [app@n2, ...] } (got someone)",
    );
    expect(scenarioSchema.parse({ faults: [{ kind: "kill", target: { nodes: ["app@n2"] } }] }).faults[0]).toMatchObject({ target: { nodes: ["app@n2"] } });
  });

  it("rejects an empty fault list", () => {
    expect(problemOf({ faults: [] })).toMatch(/^faults: /);
  });

  it("rejects a ring partition on 3 nodes at faults.0.shape", () => {
    expect(problemOf({ cluster: { nodes: 3 }, faults: [{ kind: "partition", shape: "ring" }] })).toBe("faults.0.shape: a ring partition needs at least 4 nodes");
  });

  it("accepts a ring partition on 4 nodes", () => {
    expect(scenarioSchema.safeParse({ cluster: { nodes: 4 }, faults: [{ kind: "partition", shape: "ring" }] }).success).toBe(true);
  });

  it("rejects the disconnect method for any shape but isolate, at faults.N.method", () => {
    expect(problemOf({ faults: [{ kind: "kill" }, { kind: "partition", shape: "halves", method: "disconnect" }] })).toBe(
      'faults.1.method: method "disconnect" works only with shape "isolate"',
    );
    expect(scenarioSchema.safeParse({ faults: [{ kind: "partition", shape: "isolate", method: "disconnect" }] }).success).toBe(true);
  });

  it("rejects the disconnect method on the swarm engine, at faults.N.method", () => {
    const faults = [{ kind: "partition", shape: "isolate", method: "disconnect" }];
    expect(problemOf({ cluster: { engine: "swarm" }, faults })).toBe(
      'faults.0.method: method "disconnect" cannot take a swarm task off its overlay network; use "iptables" on --engine swarm',
    );
    expect(scenarioSchema.safeParse({ cluster: { engine: "docker" }, faults }).success).toBe(true);
    expect(scenarioSchema.safeParse({ faults }).success).toBe(true);
  });

  it("accepts iptables partitions and every other fault on the swarm engine", () => {
    const s = scenarioSchema.parse({
      cluster: { engine: "swarm" },
      faults: [{ kind: "partition", shape: "isolate", method: "iptables" }, { kind: "partition" }, { kind: "kill" }, { kind: "stop" }, { kind: "pause" }],
    });
    expect(s.cluster.engine).toBe("swarm");
    expect(s.faults).toHaveLength(5);
  });

  it("names both problems of a non-isolate disconnect partition on swarm", () => {
    const lines = problemOf({ cluster: { engine: "swarm" }, faults: [{ kind: "partition", shape: "halves", method: "disconnect" }] }).split("\n");
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => line.startsWith("faults.0.method: "))).toBe(true);
  });

  it("rejects a target count that leaves no survivor", () => {
    expect(problemOf({ faults: [{ kind: "kill", target: { count: 5 } }] })).toBe("faults.0.target: 5 targets of 5 nodes would leave no survivor");
    expect(problemOf({ cluster: { nodes: 3 }, faults: [{ kind: "pause", target: { count: 7 } }] })).toMatch(/^faults\.0\.target: 7 targets of 3 nodes/);
    expect(scenarioSchema.safeParse({ faults: [{ kind: "kill", target: { count: 4 } }] }).success).toBe(true);
  });

  it("rejects a named target that is not a node of the cluster", () => {
    expect(problemOf({ faults: [{ kind: "kill", target: { nodes: ["app@n01"] } }] })).toContain("no such node: app@n01");
    expect(problemOf({ faults: [{ kind: "kill", target: { nodes: ["app@n2", "app@n9"] } }] })).toBe(
      "faults.0.target: no such node: app@n9 (nodes are app@n1..app@n5)",
    );
    expect(problemOf({ faults: [{ kind: "kill", target: { nodes: ["app@n0"] } }] })).toContain("no such node: app@n0");
    expect(problemOf({ faults: [{ kind: "kill", target: { nodes: ["web@n1"] } }] })).toContain("no such node: web@n1");
  });

  it("rejects naming every node as targets", () => {
    const all = ["app@n1", "app@n2", "app@n3"];
    expect(problemOf({ cluster: { nodes: 3 }, faults: [{ kind: "stop", target: { nodes: all } }] })).toBe("faults.0.target: would leave no survivor");
  });

  it("rejects a named target that is not a node name at all", () => {
    expect(problemOf({ faults: [{ kind: "kill", target: { nodes: ["n2"] } }] })).toContain("a node name such as app@n2");
  });

  it.each([
    [{ cluster: { nodes: "3.5" } }, "cluster.nodes: must be a whole number from 2 to 100 (got 3.5)"],
    [{ cluster: { nodes: "five" } }, "cluster.nodes: must be a whole number from 2 to 100 (got five)"],
    [{ seed: "abc" }, "seed: must be a whole number from 0 to 4294967295 (got abc)"],
    [{ count: 2.5 }, "count: must be a whole number from 1 to 10000 (got 2.5)"],
    [{ cluster: { pgGroups: "pool" } }, 'cluster.pgGroups: must be GROUP:MEMBERS,... (e.g. "pool:2,jobs:1"), "none", or a mapping such as { pool: 2 } (got pool)'],
    [{ cluster: { pgGroups: { pool: -1 } } }, "cluster.pgGroups.pool: must be a whole number from 0 to 100 (got -1)"],
    [{ cluster: { pgGroups: "pool:2,Jobs:1" } }, "cluster.pgGroups.Jobs: a group name must be a plain Erlang atom: a lowercase letter, then letters, digits or _"],
    [{ cluster: { preventOverlappingPartitions: "yes" } }, "cluster.preventOverlappingPartitions: must be true or false (got yes)"],
    [{ cluster: { mirror: "nope" } }, "cluster.mirror: must be a URL such as http://mirror.example/debian (got nope)"],
    [{ interval: true }, "interval: must be a duration (use e.g. 500ms, 30s, 2m) (got true)"],
  ])("says why %j is refused, not just that it is invalid", (input, message) => {
    expect(problemOf(input)).toBe(message);
  });

  it.each([
    [{ deadlines: { detect: "0s" } }, "deadlines.detect"],
    [{ deadlines: { heal: "0s" } }, "deadlines.heal"],
    [{ recoveryWindow: "0ms" }, "recoveryWindow"],
    [{ budget: { healP95: "0ms" } }, "budget.healP95"],
    [{ cluster: { readyDeadline: "0s" } }, "cluster.readyDeadline"],
    [{ cluster: { probeTimeout: "0m" } }, "cluster.probeTimeout"],
  ])("refuses the zero deadline %j: it would give up before anything happened", (input, path) => {
    expect(problemOf(input)).toBe(`${path}: must be longer than 0 (use e.g. 500ms, 30s, 2m)`);
  });

  it("accepts deadlines of a millisecond and an interval of 0", () => {
    const s = scenarioSchema.parse({ deadlines: { detect: "1ms", heal: "1ms" }, recoveryWindow: "1ms", interval: "0s", cluster: { readyDeadline: "1ms", probeTimeout: "1ms" } });
    expect(s).toMatchObject({ deadlines: { detect: 1, heal: 1 }, recoveryWindow: 1, interval: 0, cluster: { readyDeadline: 1, probeTimeout: 1 } });
  });

  it("refuses a pause shorter than the tick can notice", () => {
    expect(problemOf({ cluster: { netTicktime: 5 }, faults: [{ kind: "pause", duration: "2s" }] })).toBe(
      "faults.0.duration: a pause must last at least 6.25 s (1.25 x net_ticktime 5 s) to be noticed (got 2 s)",
    );
  });

  it("accepts a partition shorter than the tick: a blip", () => {
    expect(scenarioSchema.safeParse({ cluster: { netTicktime: 3 }, faults: [{ kind: "partition", duration: "200ms" }] }).success).toBe(true);
  });

  it.each([
    ["pause", 5, "6250ms"],
    ["partition", 3, "3750ms"],
    ["pause", 1, "2s"],
  ])("accepts a %s just long enough to be noticed (net_ticktime %i, duration %s)", (kind, netTicktime, duration) => {
    expect(scenarioSchema.safeParse({ cluster: { netTicktime }, faults: [{ kind, duration }] }).success).toBe(true);
  });

  it("judges only given durations: the 3-tick default is long enough, and kills and delays have no tick rule", () => {
    expect(scenarioSchema.safeParse({ cluster: { netTicktime: 60 }, faults: [{ kind: "pause" }, { kind: "partition" }] }).success).toBe(true);
    expect(scenarioSchema.safeParse({ faults: [{ kind: "kill", downtime: "100ms" }, { kind: "delay", duration: "1s" }] }).success).toBe(true);
  });

  it("refuses a stagger without an interval: it would stagger nothing", () => {
    expect(problemOf({ stagger: true })).toBe("stagger: draws each wait from [0, 2 x interval], so it needs an interval above 0");
    expect(scenarioSchema.parse({ stagger: true, interval: "2s" })).toMatchObject({ stagger: true, interval: 2_000 });
  });

  it.each([
    ["count", 0],
    ["count", "many"],
    ["order", "shuffle"],
    ["interval", "soon"],
    ["seed", -1],
    ["finalHeal", "yes"],
  ])("rejects %s = %j at its path", (field, value) => {
    expect(problemOf({ [field]: value })).toMatch(new RegExp(`^${field}: `));
  });
});

describe("scenarioSchema: OTP mixes and user images", () => {
  it("accepts a mix that adds up to the node count", () => {
    const s = scenarioSchema.parse({ cluster: { nodes: 5, otp: "27:3,29:2" } });
    expect(s.cluster.otp).toEqual([
      { release: 27, count: 3 },
      { release: 29, count: 2 },
    ]);
    expect(storedScenarioSchema.parse(s)).toEqual(s);
  });

  it("rejects a mix that does not add up to cluster.nodes at cluster.otp", () => {
    expect(problemOf({ cluster: { nodes: 4, otp: "27:3,29:2" } })).toBe("cluster.otp: the mix 27:3,29:2 makes 5 nodes, but the cluster has 4 (set nodes to 5)");
    // against the default 5 nodes
    expect(problemOf({ cluster: { otp: "25:1,27:1" } })).toBe("cluster.otp: the mix 25:1,27:1 makes 2 nodes, but the cluster has 5 (set nodes to 2)");
  });

  it("accepts a user image with its node command", () => {
    const s = scenarioSchema.parse({ cluster: { image: "acme/app:1.2", nodeCmd: "bin/app foreground", escript: "/usr/bin/escript" } });
    expect(s.cluster).toMatchObject({ image: "acme/app:1.2", nodeCmd: "bin/app foreground", escript: "/usr/bin/escript" });
  });

  it.each([
    [{ nodeCmd: "bin/app foreground" }, "cluster.nodeCmd: --node-cmd applies only with --image"],
    [{ escript: "/usr/bin/escript" }, "cluster.escript: --escript applies only with --image"],
    [{ image: "acme/app:1.2" }, "cluster.nodeCmd: --image needs --node-cmd: how a node starts in that image"],
    [{ image: "acme/app:1.2", nodeCmd: "x", baseImage: "erlang:27" }, "cluster.baseImage: --image is the whole node image: it takes no --base-image"],
    [{ image: "acme/app:1.2", nodeCmd: "x", nodes: 5, otp: "27:3,29:2" }, "cluster.otp: --image has its own release: it takes no OTP mix"],
  ])("surfaces a user-image problem of %j at its cluster field", (cluster, message) => {
    expect(problemOf({ cluster })).toBe(message);
  });

  it("surfaces --image on swarm at cluster.engine", () => {
    expect(problemOf({ cluster: { image: "acme/app:1.2", nodeCmd: "x", engine: "swarm" } })).toMatch(/^cluster\.engine: --image runs on --engine docker/);
  });

  it("names both a mix that does not add up and a mix given with --image, at cluster.otp", () => {
    const lines = problemOf({ cluster: { image: "acme/app:1.2", nodeCmd: "x", nodes: 3, otp: "27:3,29:2" } }).split("\n");
    expect(lines).toEqual([
      "cluster.otp: the mix 27:3,29:2 makes 5 nodes, but the cluster has 3 (set nodes to 5)",
      "cluster.otp: --image has its own release: it takes no OTP mix",
    ]);
  });

  it("names the --otp and --image flags' problems by the flags that set them", () => {
    const flagOf = (path: string) => ({ "cluster.otp": "--otp", "cluster.nodeCmd": "--node-cmd" })[path];
    expect(usageError(() => resolveScenario(undefined, { cluster: { nodes: "4", otp: "27:3,29:2" } }, flagOf)).message).toBe(
      "--otp: the mix 27:3,29:2 makes 5 nodes, but the cluster has 4 (set nodes to 5)",
    );
    expect(usageError(() => resolveScenario(undefined, { cluster: { nodeCmd: "bin/app foreground" } }, flagOf)).message).toBe(
      "--node-cmd: --node-cmd applies only with --image",
    );
  });

  it("checks a file's mix against a --nodes flag", () => {
    const file = { path: "mix.yaml", data: { cluster: { nodes: 5, otp: "27:3,29:2" } } };
    expect(usageError(() => resolveScenario(file, { cluster: { nodes: "6" } }, () => undefined)).message).toBe(
      "mix.yaml: cluster.otp: the mix 27:3,29:2 makes 5 nodes, but the cluster has 6 (set nodes to 5)",
    );
  });
});

describe("readScenarioFile", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "meshproof-scenario-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function file(name: string, text: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  }

  it("reads a YAML file as plain data, unvalidated", async () => {
    const path = await file("ok.yaml", "name: chaos\ncount: 3\nfaults:\n  - kind: partition\n    shape: ring\ncluster:\n  nodes: 6\n");
    expect(await readScenarioFile(path)).toEqual({ name: "chaos", count: 3, faults: [{ kind: "partition", shape: "ring" }], cluster: { nodes: 6 } });
  });

  it("reads a .json file as JSON", async () => {
    const path = await file("ok.json", JSON.stringify({ count: 4, faults: [{ kind: "pause", duration: "2s" }] }));
    expect(await readScenarioFile(path)).toEqual({ count: 4, faults: [{ kind: "pause", duration: "2s" }] });
  });

  it("names the file when the YAML is invalid", async () => {
    const path = await file("bad.yaml", "faults: [kind: kill\ncount: : 3\n");
    const error = await usageErrorOf(readScenarioFile(path));
    expect(error.message).toContain(`--scenario ${path}: not valid YAML`);
  });

  it("names the file when the JSON is invalid", async () => {
    const path = await file("bad.json", "{ count: 3 }");
    const error = await usageErrorOf(readScenarioFile(path));
    expect(error.message).toContain(`--scenario ${path}: not valid JSON`);
  });

  it("refuses a YAML list at the top", async () => {
    const path = await file("list.yaml", "- kind: kill\n- kind: pause\n");
    const error = await usageErrorOf(readScenarioFile(path));
    expect(error.message).toBe(`--scenario ${path}: expected a mapping at the top`);
  });

  it("reads an empty file as every default", async () => {
    const path = await file("empty.yaml", "# nothing here\n");
    expect(await readScenarioFile(path)).toEqual({});
  });

  it("refuses a plain scalar at the top", async () => {
    const path = await file("scalar.yaml", "just words\n");
    expect((await usageErrorOf(readScenarioFile(path))).message).toBe(`--scenario ${path}: expected a mapping at the top`);
  });

  it("names a missing file and why it cannot be read", async () => {
    const path = join(dir, "missing.yaml");
    const error = await usageErrorOf(readScenarioFile(path));
    expect(error.message).toBe(`--scenario ${path}: cannot read it (ENOENT)`);
  });
});

describe("resolveScenario", () => {
  it("names the file and the unknown key for a problem at the top of it", () => {
    expect(() => resolveScenario({ path: "s.yaml", data: { bogus: 1 } }, {}, () => undefined)).toThrow(/^s\.yaml: bogus: unknown key; expected one of name, seed, /);
  });

  const noFlags = () => undefined;

  it("validates the file's scenario when no flag is given", () => {
    const s = resolveScenario({ path: "s.yaml", data: { count: 3, cluster: { nodes: 4 } } }, {}, noFlags);
    expect(s).toMatchObject({ count: 3, cluster: { nodes: 4 } });
  });

  it("gives the defaults without file and flags", () => {
    expect(resolveScenario(undefined, {}, noFlags)).toEqual(scenarioSchema.parse({}));
  });

  it("lets flags win over the file, merging the cluster field by field", () => {
    const file = { path: "s.yaml", data: { count: 3, order: "cycle", cluster: { nodes: 4, netTicktime: 7 } } };
    const s = resolveScenario(file, { count: "8", cluster: { nodes: "6" } }, noFlags);
    expect(s.count).toBe(8);
    expect(s.order).toBe("cycle");
    expect(s.cluster.nodes).toBe(6);
    expect(s.cluster.netTicktime).toBe(7);
  });

  it("replaces the file's fault list with the flags' (lists are not merged)", () => {
    const file = { path: "s.yaml", data: { faults: [{ kind: "pause" }, { kind: "crash" }] } };
    const s = resolveScenario(file, { faults: [{ kind: "kill" }] }, noFlags);
    expect(s.faults.map((f) => f.kind)).toEqual(["kill"]);
  });

  it("ignores overrides that are undefined (flags not given)", () => {
    const file = { path: "s.yaml", data: { count: 3, seed: 9 } };
    const s = resolveScenario(file, { count: undefined, seed: undefined, cluster: undefined }, noFlags);
    expect(s).toMatchObject({ count: 3, seed: 9 });
  });

  it("names the flag when a flag set the bad field", () => {
    const file = { path: "s.yaml", data: { count: 3 } };
    const flagOf = (path: string) => (path === "count" ? "--count" : undefined);
    const error = usageError(() => resolveScenario(file, { count: "0" }, flagOf));
    expect(error.message).toMatch(/^--count: /);
    expect(error.message).not.toContain("s.yaml");
  });

  it("names the file and the field path when the file set the bad field", () => {
    const file = { path: "chaos.yaml", data: { cluster: { nodes: 3 }, faults: [{ kind: "partition", shape: "ring" }] } };
    const error = usageError(() => resolveScenario(file, {}, noFlags));
    expect(error.message).toBe("chaos.yaml: faults.0.shape: a ring partition needs at least 4 nodes");
  });

  it("names the dotted path alone without a file", () => {
    const error = usageError(() => resolveScenario(undefined, { recoveryWindow: "soon" }, noFlags));
    expect(error.message).toMatch(/^recoveryWindow: not a duration/);
  });

  it("refuses a file's disconnect partition when --engine swarm is given as a flag", () => {
    const file = { path: "chaos.yaml", data: { faults: [{ kind: "partition", shape: "isolate", method: "disconnect" }] } };
    const error = usageError(() => resolveScenario(file, { cluster: { engine: "swarm" } }, noFlags));
    expect(error.message).toMatch(/^chaos\.yaml: faults\.0\.method: method "disconnect" cannot take a swarm task/);
    expect(resolveScenario(file, { cluster: { engine: "docker" } }, noFlags).faults[0]).toMatchObject({ method: "disconnect" });
  });

  it("reports each bad field by its own source", () => {
    const file = { path: "chaos.yaml", data: { order: "shuffle" } };
    const flagOf = (path: string) => (path === "cluster.nodes" ? "--nodes" : undefined);
    const lines = usageError(() => resolveScenario(file, { cluster: { nodes: "1" } }, flagOf)).message.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines.some((line) => line.startsWith("--nodes: "))).toBe(true);
    expect(lines.some((line) => line.startsWith("chaos.yaml: order: "))).toBe(true);
  });
});
