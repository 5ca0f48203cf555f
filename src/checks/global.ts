import type { NodeObservation } from "../probe/observe-node.js";
import type { ErlPid } from "../probe/replies.js";
import type { MeshPlan } from "./mesh.js";
import { explainStuck, stuckGlobal, type GlobalStuck } from "./global-stuck.js";
import { pidKey } from "./pg.js";
import { fromProblems, listSome, type CheckResult } from "./verdict.js";

/** meshproof_layers.erl's SYNC_DEADLINE_MS: a look's global:sync() past it reads "timeout". */
export const GLOBAL_SYNC_DEADLINE_MS = 2000;

/**
 * global converged: every judged node has the same names with the same
 * pids, the required ones among them; each pid lives, on a node of the plan, in that node's current
 * incarnation; and global:sync() returned on every node. A sync that hung
 * is "stuck" when global's own state confirms it (pending syncs, synced peers
 * differing from nodes(): erlang/otp #9112), explained first; otherwise
 * global is converging, only slow.
 */
export function checkGlobal(name: string, observations: readonly NodeObservation[], plan: MeshPlan, required: readonly string[] = []): CheckResult {
  const stuck = stuckGlobal(observations, new Set(plan.keys()));
  const stuckNodes = new Set(stuck?.nodes.map((n) => n.node));
  const problems: string[] = stuck ? [explainStuck(stuck, GLOBAL_SYNC_DEADLINE_MS)] : [];
  const syncMs = new Map<string, number>();
  const tables = new Map<string, Map<string, ErlPid>>();
  const creations = new Map<string, number>();
  const dead = new Set<string>();
  for (const node of plan.keys()) {
    const seen = observations.find((o) => o.node === node);
    if (seen?.status !== "ok" || !seen.global || !seen.info) {
      problems.push(`${node}: no view of global (${seen ? `${seen.status}: ${seen.reason}` : "not probed"})`);
      continue;
    }
    if (typeof seen.global.sync === "number") syncMs.set(node, seen.global.sync);
    else if (seen.global.sync === "timeout" && !stuckNodes.has(node)) problems.push(slowSync(node, seen.global.state !== null));
    tables.set(node, new Map(seen.global.names.map((n) => [n.name, n.pid])));
    creations.set(node, seen.info.creation);
    for (const n of seen.global.names) if (n.alive === false) dead.add(`${n.name} ${pidKey(n.pid)}`);
  }

  const reconnects = new Map<string, Set<string>>(); // node -> owners' nodes: it lacks names they hold, though connected to them
  const names = [...new Set([...tables.values()].flatMap((t) => [...t.keys()]))].sort();
  const unregistered = required.filter((n) => !names.includes(n));
  if (tables.size && unregistered.length) problems.push(`global names ${listSome(unregistered)} are registered on no node`);
  for (const globalName of names) {
    const owners = new Map<string, string[]>(); // pid -> the nodes that see it as the name's
    const without: string[] = [];
    for (const [node, table] of tables) {
      const pid = table.get(globalName);
      if (!pid) without.push(node);
      else owners.set(pidKey(pid), [...(owners.get(pidKey(pid)) ?? []), node]);
    }
    if (owners.size > 1) {
      const views = [...owners].map(([pid, nodes]) => `${pid} on ${listSome(nodes)}`).join(", ");
      problems.push(`global name ${globalName} has ${owners.size} owners: ${views}`);
    }
    if (without.length) {
      const holders = [...tables.keys()].filter((node) => !without.includes(node));
      const owner = owners.size === 1 ? tables.get(holders[0]!)!.get(globalName)!.node : undefined;
      problems.push(`global name ${globalName} is registered on ${listSome(holders)} but not on ${listSome(without)}${owner ? lostForGood(observations, without, owner) : ""}`);
      const toReconnect = owner ? without.filter((node) => connectedNotSyncing(observations, node, owner) && !disconnectedByStuckRemedy(stuck, node, owner)) : [];
      for (const node of toReconnect) reconnects.set(node, (reconnects.get(node) ?? new Set()).add(owner!));
    }
    for (const [key, seenBy] of owners) {
      const pid = tables.get(seenBy[0]!)!.get(globalName)!;
      if (!plan.has(pid.node)) problems.push(`global name ${globalName} is held by ${key}, on a node that is not up`);
      else if (creations.has(pid.node) && creations.get(pid.node) !== pid.creation) {
        problems.push(`global name ${globalName} is held by ${key}, of a previous incarnation (now creation ${creations.get(pid.node)})`);
      } else if (dead.has(`${globalName} ${key}`)) problems.push(`global name ${globalName} is held by ${key}, which is dead`);
    }
  }
  if (reconnects.size) problems.push(reconnectRemedy(reconnects));
  const result = fromProblems(name, problems, `${tables.size} nodes agree on ${names.length} global names${slowest(syncMs)}`);
  return stuck ? { ...result, globalStuck: stuck } : result;
}

/**
 * Nodes missing a name though global has synced them with its owner's node
 * and has no sync under way: global exchanges names only when nodes connect,
 * so they will not learn it unless the two reconnect (not converging: lost).
 */
function lostForGood(observations: readonly NodeObservation[], without: readonly string[], owner: string): string {
  const settled = without.filter((node) => {
    const global = observations.find((o) => o.node === node)?.global;
    return typeof global?.sync === "number" && global.state && !global.state.pending.length && global.state.known.includes(owner);
  });
  if (!settled.length) return "";
  return ` (global on ${listSome(settled)} has synced with ${owner} and no sync is under way: it exchanges names only when nodes connect, so it will not learn this name unless they reconnect)`;
}

/** Whether the stuck syncs' remedy already disconnects the two, on either side. */
function disconnectedByStuckRemedy(stuck: GlobalStuck | undefined, a: string, b: string): boolean {
  return stuck?.nodes.some((n) => (n.node === a && n.disconnect.includes(b)) || (n.node === b && n.disconnect.includes(a))) ?? false;
}

/** Connected to the peer, with no sync of global's under way with it (that sync may still bring the names). */
function connectedNotSyncing(observations: readonly NodeObservation[], node: string, peer: string): boolean {
  const seen = observations.find((o) => o.node === node);
  return (seen?.mesh?.includes(peer) ?? false) && !seen?.global?.state?.pending.includes(peer);
}

/**
 * OTP's own way out for names a node lacks: global exchanges every name when
 * two nodes connect, so disconnecting the node from the name's owner (the
 * application or its discovery connects them again) makes them exchange
 * names anew. meshproof never applies it: it observes.
 */
function reconnectRemedy(reconnects: ReadonlyMap<string, ReadonlySet<string>>): string {
  const calls = [...reconnects]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([node, owners]) => `on ${node} ${[...owners].sort().map((owner) => `erlang:disconnect_node('${owner}')`).join(", ")}`);
  return `remedy (OTP's own; meshproof applies none): ${calls.join("; ")}; global exchanges names again when they reconnect`;
}

function slowSync(node: string, stateRead: boolean): string {
  const why = stateRead ? "global's state shows no stuck sync: converging, only slow" : "global's state could not be read to tell stuck from slow";
  return `${node}: global:sync() did not return within ${GLOBAL_SYNC_DEADLINE_MS} ms (${why})`;
}

/** "; global:sync() took at most 14 ms (app@n2)" when the look timed it. */
function slowest(syncMs: ReadonlyMap<string, number>): string {
  const [node, ms] = [...syncMs].reduce<[string, number] | [undefined, -1]>((worst, entry) => (entry[1] > worst[1] ? entry : worst), [undefined, -1]);
  return node === undefined ? "" : `; global:sync() took at most ${ms} ms (${node})`;
}
