import { timeOfDay } from "../clock.js";
import type { NodeObservation } from "../probe/observe-node.js";
import type { MnesiaView } from "../probe/protocol.js";
import type { MeshPlan } from "./mesh.js";
import { fromProblems, listSome, type CheckResult } from "./verdict.js";

/**
 * Mnesia converged: on every node where it runs, running_db_nodes is the db
 * nodes that are up, so all agree; every table has the same active
 * replicas everywhere; and no node reported inconsistent_database in the
 * events given (those since the last heal). Mnesia stays partitioned after
 * a partition heals unless someone merges it, while nodes() is full again.
 */
export function checkMnesia(name: string, observations: readonly NodeObservation[], plan: MeshPlan): CheckResult {
  const problems: string[] = [];
  const views = new Map<string, MnesiaView>();
  for (const node of plan.keys()) {
    const seen = observations.find((o) => o.node === node);
    if (seen?.status !== "ok" || seen.mnesia === undefined) problems.push(`${node}: no view of Mnesia (${seen ? `${seen.status}: ${seen.reason}` : "not probed"})`);
    else if (seen.mnesia) views.set(node, seen.mnesia);
  }
  const dbNodes = new Set([...views.values()].flatMap((v) => v.dbNodes));
  const stopped = [...plan.keys()].filter((node) => dbNodes.has(node) && !views.has(node) && observations.some((o) => o.node === node && o.status === "ok"));
  if (stopped.length) problems.push(`Mnesia does not run on ${listSome(stopped)}, a db node that is up`);

  const sides = new Map<string, string[]>(); // running_db_nodes -> the nodes that see it
  for (const [node, view] of views) {
    const up = view.dbNodes.filter((db) => plan.has(db)).sort();
    const running = [...view.runningDbNodes].sort();
    const missing = up.filter((db) => !running.includes(db));
    if (missing.length) problems.push(`${node}: running_db_nodes lacks ${listSome(missing)}`);
    const key = running.join(", ");
    sides.set(key, [...(sides.get(key) ?? []), node]);
  }
  if (sides.size > 1) problems.unshift(`Mnesia partitioned: ${[...sides.keys()].map((side) => `[${side}]`).join(" | ")}`);

  const tables = new Map<string, Map<string, string[]>>(); // table -> active replicas -> the nodes that see them
  for (const [node, view] of views) {
    for (const table of view.tables) {
      const key = [...table.activeReplicas].sort().join(", ");
      const seenBy = tables.get(table.name) ?? new Map<string, string[]>();
      seenBy.set(key, [...(seenBy.get(key) ?? []), node]);
      tables.set(table.name, seenBy);
    }
  }
  for (const [table, replicas] of tables) {
    if (replicas.size > 1) {
      problems.push(`table ${table}: active replicas differ: ${[...replicas].map(([set, nodes]) => `[${set}] on ${listSome(nodes)}`).join(", ")}`);
    }
  }

  for (const o of observations) {
    for (const e of o.events ?? []) {
      if (e.kind === "inconsistent_database") problems.unshift(`${o.node} reported inconsistent_database (${e.reason}) about ${e.node} at ${timeOfDay(e.atMs)}`);
    }
  }
  return fromProblems(name, problems, `${views.size} nodes run Mnesia with the same running db nodes and ${tables.size} tables replicated alike`);
}

/** Whether Mnesia runs anywhere in the cluster. */
export function mnesiaPresent(observations: readonly NodeObservation[]): boolean {
  return observations.some((o) => o.mnesia);
}
