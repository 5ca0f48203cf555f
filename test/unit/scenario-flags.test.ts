import { describe, it, expect } from "vitest";
import { scenarioOverrides, type ScenarioFlags } from "../../src/cli/scenario-flags.js";
import { resolveScenario } from "../../src/scenario/load-scenario.js";
import { usageError } from "./usage-error.js";

/** The scenario the flags give on top of an optional file, or the UsageError they cause. */
function resolve(flags: ScenarioFlags, file?: { path: string; data: Record<string, unknown> }) {
  const { overrides, flagOf } = scenarioOverrides(flags, file?.data.faults);
  return resolveScenario(file, overrides, flagOf);
}


describe("scenarioOverrides", () => {
  it("overrides nothing without flags", () => {
    const { overrides } = scenarioOverrides({}, undefined);
    expect(Object.values(overrides).every((value) => value === undefined)).toBe(true);
  });

  it("reads --faults as a list of kinds, a partition with its shape", () => {
    const { overrides } = scenarioOverrides({ faults: "kill,partition:ring" }, undefined);
    expect(overrides.faults).toEqual([{ kind: "kill" }, { kind: "partition", shape: "ring" }]);
  });

  it("trims spaces around the --faults entries", () => {
    const { overrides } = scenarioOverrides({ faults: "pause, crash" }, undefined);
    expect(overrides.faults).toEqual([{ kind: "pause" }, { kind: "crash" }]);
  });

  it("reads --kills 3 as three kills", () => {
    const { overrides } = scenarioOverrides({ kills: "3" }, undefined);
    expect(overrides.faults).toEqual([{ kind: "kill" }]);
    expect(overrides.count).toBe("3");
  });

  it("takes --count with --faults", () => {
    expect(scenarioOverrides({ faults: "crash", count: "5" }, undefined).overrides).toMatchObject({ faults: [{ kind: "crash" }], count: "5" });
  });

  it("applies --downtime to the file's kill, kill-many and stop faults only, keeping the list", () => {
    const fileFaults = [{ kind: "kill", target: "majority" }, { kind: "kill-many" }, { kind: "stop", grace: "1s" }, { kind: "pause" }, { kind: "crash" }];
    const { overrides } = scenarioOverrides({ downtime: "2s" }, fileFaults);
    expect(overrides.faults).toEqual([
      { kind: "kill", target: "majority", downtime: "2s" },
      { kind: "kill-many", downtime: "2s" },
      { kind: "stop", grace: "1s", downtime: "2s" },
      { kind: "pause" },
      { kind: "crash" },
    ]);
    // the file's list itself is not changed
    expect(fileFaults[0]).toEqual({ kind: "kill", target: "majority" });
  });

  it("applies --fault-duration to the file's pause, partition, delay and loss faults only", () => {
    const fileFaults = [{ kind: "pause" }, { kind: "partition", shape: "halves" }, { kind: "delay" }, { kind: "loss" }, { kind: "kill" }];
    const { overrides } = scenarioOverrides({ faultDuration: "6s" }, fileFaults);
    expect(overrides.faults).toEqual([
      { kind: "pause", duration: "6s" },
      { kind: "partition", shape: "halves", duration: "6s" },
      { kind: "delay", duration: "6s" },
      { kind: "loss", duration: "6s" },
      { kind: "kill" },
    ]);
  });

  it("applies --downtime to the --faults list when both are given", () => {
    const { overrides } = scenarioOverrides({ faults: "kill,pause", downtime: "3s", faultDuration: "4s" }, [{ kind: "crash" }]);
    expect(overrides.faults).toEqual([
      { kind: "kill", downtime: "3s" },
      { kind: "pause", duration: "4s" },
    ]);
  });

  it("applies --downtime to the default kill when there is no fault list", () => {
    expect(scenarioOverrides({ downtime: "2s" }, undefined).overrides.faults).toEqual([{ kind: "kill", downtime: "2s" }]);
  });

  it("puts the cluster flags in overrides.cluster, and only those given", () => {
    const { overrides } = scenarioOverrides({ nodes: "7", netTicktime: "3", pgRejoin: "off", count: "2" }, undefined);
    expect(overrides.cluster).toEqual({ nodes: "7", netTicktime: "3", pgRejoin: "off" });
    expect(overrides.count).toBe("2");
  });

  it("leaves the cluster alone when no cluster flag is given", () => {
    expect(scenarioOverrides({ seed: "4" }, undefined).overrides.cluster).toBeUndefined();
  });

  it("carries the run flags to their scenario fields", () => {
    const { overrides } = scenarioOverrides(
      { order: "cycle", seed: "9", interval: "1s", stagger: true, recoveryWindow: "20s", healDeadline: "40s", healP95Budget: "5s" },
      undefined,
    );
    expect(overrides).toMatchObject({ order: "cycle", seed: "9", interval: "1s", stagger: true, recoveryWindow: "20s", budget: { healP95: "5s" } });
    expect(overrides.deadlines).toEqual({ detect: undefined, heal: "40s", stable: undefined });
    expect(scenarioOverrides({ stableFor: "3s" }, undefined).overrides.deadlines).toEqual({ detect: undefined, heal: undefined, stable: "3s" });
  });
});

describe("conflicting flags", () => {
  it.each([
    [{ faults: "crash", kills: "3" }, "--kills: it is short for --faults kill --count N; give --kills or --faults, not both"],
    [{ kills: "3", count: "5" }, "--kills: it sets the count already (--faults kill --count N); give --kills or --count, not both"],
    [{ faults: "pause,crash", downtime: "2s" }, "--downtime: it sets the downtime of kill, kill-many, stop, and none of the faults to draw (pause, crash) has one"],
    [{ kills: "2", faultDuration: "8s" }, "--fault-duration: it sets the duration of pause, partition, delay, loss, suspend-process, and none of the faults to draw (kill) has one"],
    [{ faultDuration: "8s" }, "--fault-duration: it sets the duration of pause, partition, delay, loss, suspend-process, and none of the faults to draw (kill) has one"],
  ] as [ScenarioFlags, string][])("refuses %j before anything starts, saying why", (flags, message) => {
    expect(usageError(() => scenarioOverrides(flags, undefined)).message).toBe(message);
  });

  it("names every conflict at once", () => {
    expect(usageError(() => scenarioOverrides({ faults: "kill", kills: "3", count: "2" }, undefined)).message.split("\n")).toHaveLength(2);
  });

  it("judges --downtime and --fault-duration against the file's faults when no flag lists faults", () => {
    expect(usageError(() => scenarioOverrides({ downtime: "2s" }, [{ kind: "pause" }])).message).toMatch(/^--downtime: .*\(pause\) has one$/);
    expect(scenarioOverrides({ downtime: "2s" }, [{ kind: "pause" }, { kind: "stop" }]).overrides.faults).toEqual([{ kind: "pause" }, { kind: "stop", downtime: "2s" }]);
  });

  it("takes each flag alone, and --downtime and --fault-duration where a fault to draw has that length", () => {
    expect(() => scenarioOverrides({ kills: "3" }, undefined)).not.toThrow();
    expect(() => scenarioOverrides({ faults: "kill,pause", count: "4", downtime: "2s", faultDuration: "8s" }, undefined)).not.toThrow();
  });

  it("leaves an unknown kind to the schema to name, instead of blaming --downtime", () => {
    expect(() => scenarioOverrides({ faults: "explode", downtime: "2s" }, undefined)).not.toThrow();
    expect(usageError(() => resolve({ faults: "explode", downtime: "2s" })).message).toMatch(/^--faults: unknown fault kind "explode"/);
  });

  it("refuses --stagger without an interval to stagger, and takes it with one", () => {
    expect(usageError(() => resolve({ stagger: true })).message).toBe("--stagger: draws each wait from [0, 2 x interval], so it needs an interval above 0");
    expect(resolve({ stagger: true, interval: "1s" })).toMatchObject({ stagger: true, interval: 1_000 });
  });
});

describe("scenarioOverrides flagOf", () => {
  it("names a cluster flag only when it was given", () => {
    expect(scenarioOverrides({ nodes: "3" }, undefined).flagOf("cluster.nodes")).toBe("--nodes");
    expect(scenarioOverrides({}, undefined).flagOf("cluster.nodes")).toBeUndefined();
    expect(scenarioOverrides({ netTicktime: "0" }, undefined).flagOf("cluster.netTicktime")).toBe("--net-ticktime");
  });

  it("has no flag for cluster fields that have none", () => {
    expect(scenarioOverrides({ nodes: "3" }, undefined).flagOf("cluster.pgScope")).toBeUndefined();
  });

  it("names --faults for a fault's kind or shape", () => {
    const { flagOf } = scenarioOverrides({ faults: "kill,partition:ring" }, undefined);
    expect(flagOf("faults.0.kind")).toBe("--faults");
    expect(flagOf("faults.1.shape")).toBe("--faults");
  });

  it("names --kills for a fault field when only --kills was given", () => {
    expect(scenarioOverrides({ kills: "3" }, undefined).flagOf("faults.0.kind")).toBe("--kills");
  });

  it("names --downtime and --fault-duration for those fields when given", () => {
    const { flagOf } = scenarioOverrides({ downtime: "x", faultDuration: "y" }, [{ kind: "pause" }, { kind: "stop" }]);
    expect(flagOf("faults.1.downtime")).toBe("--downtime");
    expect(flagOf("faults.0.duration")).toBe("--fault-duration");
  });

  it("does not blame --downtime for a fault field from the file", () => {
    const { flagOf } = scenarioOverrides({ downtime: "2s" }, [{ kind: "kill", target: { count: 9 } }]);
    expect(flagOf("faults.0.target")).toBeUndefined();
  });

  it("names --kills for the count when only --kills was given, --count when --count was", () => {
    expect(scenarioOverrides({ kills: "0" }, undefined).flagOf("count")).toBe("--kills");
    expect(scenarioOverrides({ faults: "kill", count: "0" }, undefined).flagOf("count")).toBe("--count");
    expect(scenarioOverrides({}, undefined).flagOf("count")).toBeUndefined();
  });

  it("names the deadline flags", () => {
    const { flagOf } = scenarioOverrides({ healDeadline: "x", detectDeadline: "y" }, undefined);
    expect(flagOf("deadlines.heal")).toBe("--heal-deadline");
    expect(flagOf("deadlines.detect")).toBe("--detect-deadline");
    expect(scenarioOverrides({}, undefined).flagOf("deadlines.heal")).toBeUndefined();
  });

  it("names the other run flags when given", () => {
    const { flagOf } = scenarioOverrides({ seed: "x", interval: "y", order: "z", recoveryWindow: "w", healP95Budget: "v" }, undefined);
    expect(flagOf("seed")).toBe("--seed");
    expect(flagOf("interval")).toBe("--interval");
    expect(flagOf("order")).toBe("--order");
    expect(flagOf("recoveryWindow")).toBe("--recovery-window");
    expect(flagOf("budget.healP95")).toBe("--heal-p95-budget");
    expect(flagOf("name")).toBeUndefined();
  });
});

describe("scenario flags through resolveScenario", () => {
  it("builds the scenario from flags alone", () => {
    const s = resolve({ faults: "kill,partition:ring", count: "4", nodes: "6", downtime: "2s", faultDuration: "7s", seed: "17" });
    expect(s.cluster.nodes).toBe(6);
    expect(s.count).toBe(4);
    expect(s.seed).toBe(17);
    expect(s.faults).toEqual([
      { kind: "kill", target: "random", downtime: 2_000 },
      { kind: "partition", shape: "ring", method: "iptables", direction: "both", duration: 7_000 },
    ]);
  });

  it("reports --nodes 1 as a UsageError naming --nodes", () => {
    const error = usageError(() => resolve({ nodes: "1" }));
    expect(error.message).toMatch(/^--nodes: /);
  });

  it("reports --nodes 1 by the flag even over a scenario file", () => {
    const error = usageError(() => resolve({ nodes: "1" }, { path: "chaos.yaml", data: { cluster: { nodes: 5 } } }));
    expect(error.message).toMatch(/^--nodes: /);
    expect(error.message).not.toContain("chaos.yaml");
  });

  it("reports an unknown --faults kind by --faults", () => {
    expect(usageError(() => resolve({ faults: "kill,explode" })).message).toMatch(/^--faults: /m);
  });

  it("reports a bad --downtime by --downtime", () => {
    expect(usageError(() => resolve({ kills: "2", downtime: "soon" })).message).toMatch(/^--downtime: not a duration/);
  });

  it("reports --kills 0 by --kills", () => {
    expect(usageError(() => resolve({ kills: "0" })).message).toMatch(/^--kills: /);
  });

  it("reports a bad --heal-deadline by --heal-deadline", () => {
    expect(usageError(() => resolve({ healDeadline: "soon" })).message).toMatch(/^--heal-deadline: /);
  });

  it("keeps the file's heal deadline when only --detect-deadline is given", () => {
    const s = resolve({ detectDeadline: "5s" }, { path: "chaos.yaml", data: { deadlines: { heal: "10s" } } });
    expect(s.deadlines).toEqual({ detect: 5_000, heal: 10_000, stable: 1_000 });
  });

  it("reports a field the file set wrong by the file, next to a flag's", () => {
    const error = usageError(() => resolve({ downtime: "2s" }, { path: "chaos.yaml", data: { faults: [{ kind: "kill", target: { count: 5 } }] } }));
    expect(error.message).toBe("chaos.yaml: faults.0.target: 5 targets of 5 nodes would leave no survivor");
  });

  it("checks a --faults shape against a --nodes count", () => {
    const error = usageError(() => resolve({ nodes: "3", faults: "partition:ring" }));
    expect(error.message).toBe("--faults: a ring partition needs at least 4 nodes");
  });
});
