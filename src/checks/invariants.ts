import type { Invariant } from "../config/invariants.js";
import type { NodeObservation } from "../probe/observe-node.js";
import type { MeshPlan } from "./mesh.js";
import { fromProblems, listSome, type CheckResult } from "./verdict.js";

/** Long values (a registry's whole table) are cut in the detail, never in the comparison. */
const SHOWN_VALUE_CHARS = 120;

/**
 * The user's own invariants hold: each evaluated on every judged node (its
 * value as canonical text, so that equal terms read equal from every node),
 * then held to its rule. A node where it raised fails it, with the error.
 */
export function checkInvariants(name: string, observations: readonly NodeObservation[], plan: MeshPlan, invariants: readonly Invariant[]): CheckResult {
  const problems: string[] = [];
  const answered = new Map<string, NonNullable<NodeObservation["invariants"]>>();
  for (const node of plan.keys()) {
    const seen = observations.find((o) => o.node === node);
    if (seen?.status === "ok" && seen.invariants?.length === invariants.length) answered.set(node, seen.invariants);
    else problems.push(`${node}: no invariant values (${seen ? `${seen.status}: ${seen.reason}` : "not probed"})`);
  }
  invariants.forEach((invariant, i) => {
    const values = new Map<string, string[]>(); // value -> the nodes that have it
    for (const [node, all] of answered) {
      const answer = all[i]!;
      if ("error" in answer) problems.push(`${invariant.name}: ${answer.error} on ${node}`);
      else values.set(answer.value, [...(values.get(answer.value) ?? []), node]);
    }
    const shown = [...values].map(([value, nodes]) => `${cut(value)} on ${listSome(nodes)}`);
    if (invariant.rule === "equal" && values.size > 1) problems.push(`${invariant.name} differs: ${shown.join("; ")}`);
    if (invariant.rule === "unique") {
      const shared = [...values].filter(([, nodes]) => nodes.length > 1).map(([value, nodes]) => `${cut(value)} on ${listSome(nodes)}`);
      if (shared.length) problems.push(`${invariant.name} is not unique: ${shared.join("; ")}`);
    }
    if (invariant.rule === "true") {
      const untrue = [...values].filter(([value]) => value !== "true").map(([value, nodes]) => `${cut(value)} on ${listSome(nodes)}`);
      if (untrue.length) problems.push(`${invariant.name} is not true: ${untrue.join("; ")}`);
    }
  });
  return fromProblems(name, problems, `${invariants.length} invariants hold on ${answered.size} nodes`);
}

function cut(value: string): string {
  return value.length <= SHOWN_VALUE_CHARS ? value : `${value.slice(0, SHOWN_VALUE_CHARS)}...`;
}
