import { timeOfDay } from "../clock.js";
import type { NodeObservation } from "../probe/observe-node.js";
import type { MnesiaView } from "../probe/replies.js";
import type { MeshPlan } from "./mesh.js";
import { judgeTables } from "./mnesia-tables.js";
import { fromProblems, listSome, type CheckResult } from "./verdict.js";

/**
 * Mnesia converged: on every node where it runs, running_db_nodes is the db
 * nodes that are up, so all agree; every table is active alike on the nodes
 * that hold it (see judgeTables) and loaded on each of them; and no node
 * reported inconsistent_database in the events given (those since the last
 * heal). Mnesia stays partitioned after a partition heals unless someone
 * merges it, while nodes() is full again. The detail ends with which tables
 * were judged and how.
 */
export function checkMnesia(name: string, observations: readonly NodeObservation[], plan: MeshPlan): CheckResult {
  const notRunning: string[] = [];
  const views = new Map<string, MnesiaView>();
  for (const node of plan.keys()) {
    const seen = observations.find((o) => o.node === node);
    if (seen?.status !== "ok" || seen.mnesia === undefined) notRunning.push(`${node}: no view of Mnesia (${seen ? `${seen.status}: ${seen.reason}` : "not probed"})`);
    else if (seen.mnesia) views.set(node, seen.mnesia);
  }
  const dbNodes = new Set([...views.values()].flatMap((v) => v.dbNodes));
  const stopped = [...plan.keys()].filter((node) => dbNodes.has(node) && !views.has(node) && observations.some((o) => o.node === node && o.status === "ok"));
  if (stopped.length) notRunning.unshift(`Mnesia does not run on ${listSome(stopped)}, a db node that is up`);

  const lacking: string[] = [];
  const sides = new Map<string, string[]>(); // running_db_nodes -> the nodes that see it
  for (const [node, view] of views) {
    const up = view.dbNodes.filter((db) => plan.has(db)).sort();
    const running = [...view.runningDbNodes].sort();
    const missing = up.filter((db) => !running.includes(db));
    if (missing.length) lacking.push(`${node}: running_db_nodes lacks ${listSome(missing)}`);
    const key = running.join(", ");
    sides.set(key, [...(sides.get(key) ?? []), node]);
  }
  const partitioned = sides.size > 1 ? [`Mnesia partitioned: ${[...sides.keys()].map((side) => `[${side}]`).join(" | ")}`] : [];

  const inconsistent = observations.flatMap((o) =>
    (o.events ?? []).filter((e) => e.kind === "inconsistent_database").map((e) => `${o.node} reported inconsistent_database (${e.reason}) about ${e.node} at ${timeOfDay(e.atMs)}`),
  );
  const tables = judgeTables(views);
  // the split tables come before the signals and the details, so that the shown problems name them
  const problems = [...notRunning, ...partitioned, ...tables.split, ...inconsistent, ...lacking, ...tables.loading];
  const result = fromProblems(name, problems, `${views.size} nodes run Mnesia with the same running db nodes; ${tables.summary}`);
  return result.verdict === "pass" ? result : { ...result, detail: `${result.detail}; ${tables.summary}` };
}

/** Whether Mnesia runs anywhere in the cluster. */
export function mnesiaPresent(observations: readonly NodeObservation[]): boolean {
  return observations.some((o) => o.mnesia);
}
