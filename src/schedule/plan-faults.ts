import type { FaultPlan } from "../config/fault-plan.js";
import type { FaultSpec, TargetSpec } from "../config/fault-spec.js";
import type { Scenario } from "../config/scenario.js";
import { MIN_NODES, PARTITION_SHAPES, partitionView } from "./partition-shapes.js";
import { seededRng, type Rng } from "./rng.js";

export type { FaultPlan };

/** The whole schedule, a pure function of the scenario, the node names and the seed. */
export function planFaults(scenario: Scenario, nodes: readonly string[], seed: number): FaultPlan[] {
  const rng = seededRng(seed);
  return Array.from({ length: scenario.count }, (_, i) => {
    const spec = scenario.order === "cycle" ? scenario.faults[i % scenario.faults.length]! : rng.pick(scenario.faults);
    const waitBeforeMs = scenario.stagger ? rng.int(0, 2 * scenario.interval) : scenario.interval;
    return { index: i + 1, waitBeforeMs, ...planOne(spec, nodes, rng) };
  });
}

function planOne(spec: FaultSpec, nodes: readonly string[], rng: Rng): Omit<FaultPlan, "index" | "waitBeforeMs"> {
  switch (spec.kind) {
    case "kill":
    case "kill-many":
      return { kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.downtime };
    case "crash":
      return { kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: 0 };
    case "stop":
      return { kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.downtime, graceMs: spec.grace };
    case "pause":
      return { kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.duration ?? 0 };
    case "delay":
      return { kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.duration ?? 0, delayMs: spec.delay };
    case "loss":
      return { kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.duration ?? 0, lossPercent: spec.percent };
    case "partition": {
      const shape = spec.shape === "random" ? rng.pick(PARTITION_SHAPES.filter((s) => nodes.length >= MIN_NODES[s])) : spec.shape;
      const view = partitionView(shape, nodes, rng);
      // the most cut-off nodes: the isolated one, the smaller side, everyone in a ring
      const fewest = Math.min(...nodes.map((node) => view[node]!.length));
      const targets = nodes.filter((node) => view[node]!.length === fewest);
      return { kind: spec.kind, targets, durationMs: spec.duration ?? 0, shape, method: spec.method, view };
    }
  }
}

/** Resolves a target spec; always leaves at least one node untouched. */
export function pickTargets(target: TargetSpec, nodes: readonly string[], rng: Rng): string[] {
  const count = (k: number) => rng.shuffle(nodes).slice(0, Math.max(1, Math.min(k, nodes.length - 1)));
  const byName = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });
  if (target === "random") return count(1);
  if (target === "minority") return count(Math.floor((nodes.length - 1) / 2)).sort(byName);
  if (target === "majority") return count(Math.floor(nodes.length / 2) + 1).sort(byName);
  if ("count" in target) return count(target.count).sort(byName);
  return [...target.nodes];
}
