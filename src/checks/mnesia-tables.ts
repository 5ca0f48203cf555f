import type { MnesiaTable, MnesiaView } from "../probe/replies.js";
import { listSome } from "./verdict.js";

/** Mnesia's tables judged by what each promises, from every node's own view. */
export interface TablesJudged {
  /** A table whose holders disagree about its active replicas: Mnesia left split, or not settled yet. */
  split: string[];
  /** A holder that has not loaded its copy yet (after a restart): not converged, but not split. */
  loading: string[];
  /** Which tables were judged, how, and which were skipped and why. */
  summary: string;
}

type Seen = [node: string, table: MnesiaTable];

const nodeList = (nodes: readonly string[]) => [...nodes].sort().join(", ");

/**
 * Only a table's holders (its schema's ram, disc and disc-only copies) are
 * judged: another node reads it remotely, or (local_content) not at all, so
 * its view says nothing about the table's replicas. A holder has loaded its
 * copy when it reads the table on itself (where_to_read). A local_content
 * table's rows are each node's own, and Mnesia lists only the node itself as
 * its active replica there (measured on OTP 25, 27, 29): it is judged per node,
 * never across nodes. Any other table must be active, as every holder that
 * loaded it sees it, on exactly those holders.
 */
export function judgeTables(views: ReadonlyMap<string, MnesiaView>): TablesJudged {
  const byTable = new Map<string, Seen[]>();
  for (const [node, view] of views) for (const table of view.tables) byTable.set(table.name, [...(byTable.get(table.name) ?? []), [node, table]]);
  const split: string[] = [];
  const loading: string[] = [];
  const shared: string[] = [];
  const perNode: string[] = [];
  const unheld: string[] = [];
  for (const [name, seen] of [...byTable].sort(([a], [b]) => a.localeCompare(b))) {
    const holding = seen.filter(([node, table]) => table.holders.includes(node));
    if (!holding.length) {
      unheld.push(name);
      continue;
    }
    const notLoaded = holding.filter(([node, table]) => table.whereToRead !== node).map(([node]) => node);
    if (notLoaded.length) loading.push(`table ${name}: converging, its copy not loaded yet on ${listSome(notLoaded)}`);
    const loaded = holding.filter(([node, table]) => table.whereToRead === node);
    if (seen.some(([, table]) => table.localContent)) {
      perNode.push(name);
      const wrong = loaded.filter(([node, table]) => nodeList(table.activeReplicas) !== node);
      if (wrong.length) split.push(`table ${name} (local_content): active replicas other than the node itself: ${replicasOn(wrong)}`);
    } else {
      shared.push(name);
      split.push(...sharedSplit(name, loaded));
    }
  }
  const judged = [
    `${shared.length} among their holders${shared.length ? ` (${listSome(shared)})` : ""}`,
    `${perNode.length} local_content per node${perNode.length ? ` (${listSome(perNode)})` : ""}`,
  ];
  const skipped = unheld.length ? `; ${unheld.length} skipped, no node that holds a copy runs Mnesia (${listSome(unheld)})` : "";
  return { split, loading, summary: `${shared.length + perNode.length} tables judged: ${judged.join(", ")}${skipped}` };
}

/** The holders that loaded a shared table must all see it active on exactly themselves. */
function sharedSplit(name: string, loaded: readonly Seen[]): string[] {
  const expected = nodeList(loaded.map(([node]) => node));
  const views = new Set(loaded.map(([, table]) => nodeList(table.activeReplicas)));
  if (views.size > 1) return [`table ${name}: active replicas differ among its holders: ${replicasOn(loaded)}`];
  const [only] = views;
  if (only !== undefined && only !== expected) return [`table ${name}: active replicas ${replicasOn(loaded)}, but the holders that loaded it are [${expected}]`];
  return [];
}

/** "[a] on a, [b] on b, c": each set of active replicas with the nodes that see it. */
function replicasOn(seen: readonly Seen[]): string {
  const nodesBySet = new Map<string, string[]>();
  for (const [node, table] of seen) {
    const set = nodeList(table.activeReplicas);
    nodesBySet.set(set, [...(nodesBySet.get(set) ?? []), node]);
  }
  return [...nodesBySet].map(([set, nodes]) => `[${set}] on ${listSome(nodes)}`).join(", ");
}
