import { z } from "zod";
import { onlyWhenFieldsAreValid } from "../config/cluster-options.js";
import { got } from "../config/got.js";
import { integer } from "../config/integer.js";
import { strictObject } from "../config/strict-object.js";
import type { Rng } from "../schedule/rng.js";
import type { SpecProblem } from "./fault-kind.js";

/**
 * Which nodes a fault hits: one at random, a minority or majority, a count,
 * or named nodes. Count and nodes are one object (exactly one of them given),
 * so that a typo in its key is named as such rather than as "Invalid input".
 */
export const targetSchema = z.union(
  [
    z.enum(["random", "minority", "majority"]),
    strictObject({
      count: integer(1, 1000).optional(),
      nodes: z.array(z.string().regex(/^[^@\s]+@[^@\s]+$/, "a node name such as app@n2")).min(1).optional(),
    }).refine((target) => (target.count === undefined) !== (target.nodes === undefined), { error: "give either count or nodes", ...onlyWhenFieldsAreValid }),
  ],
  { error: (issue) => `must be random, minority, majority, { count: N } or { nodes: [app@n2, ...] } ${got(issue.input)}` },
);
export type TargetSpec = z.infer<typeof targetSchema>;

/** Resolves a target spec; always leaves at least one node untouched. */
export function pickTargets(target: TargetSpec, nodes: readonly string[], rng: Rng): string[] {
  const count = (k: number) => rng.shuffle(nodes).slice(0, Math.max(1, Math.min(k, nodes.length - 1)));
  const byName = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });
  if (target === "random") return count(1);
  if (target === "minority") return count(Math.floor((nodes.length - 1) / 2)).sort(byName);
  if (target === "majority") return count(Math.floor(nodes.length / 2) + 1).sort(byName);
  if (target.nodes) return [...target.nodes];
  return count(target.count ?? 1).sort(byName); // the schema gives exactly one of nodes and count
}

/** Below this many nodes, no node count is a majority that leaves a survivor, nor a minority of at least one. */
const MIN_NODES_FOR_SIDES = 3;

/** A target that names nodes the cluster does not have, would leave no survivor, or cannot be what it says on this many nodes. */
export function targetProblems(target: TargetSpec, nodes: number): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const problem = (message: string) => problems.push({ field: "target", message });
  if ((target === "majority" || target === "minority") && nodes < MIN_NODES_FOR_SIDES) {
    const would = target === "majority" ? "is both of them, which would leave no survivor" : "is none of them";
    problem(`a ${target} of ${nodes} nodes ${would}: it needs at least ${MIN_NODES_FOR_SIDES} nodes (on ${nodes}, use random or { count: 1 })`);
  }
  if (typeof target !== "object") return problems;
  if (target.count !== undefined && target.count >= nodes) problem(`${target.count} targets of ${nodes} nodes would leave no survivor`);
  if (target.nodes) {
    const unknown = target.nodes.filter((n) => !/^app@n[1-9]\d*$/.test(n) || Number(n.slice(5)) > nodes);
    if (unknown.length) problem(`no such node: ${unknown.join(", ")} (nodes are app@n1..app@n${nodes})`);
    if (target.nodes.length >= nodes) problem("would leave no survivor");
  }
  return problems;
}
