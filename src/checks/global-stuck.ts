import type { NodeObservation } from "../probe/observe-node.js";
import { reconnectFixOf, type ReconnectFix } from "./global-reconnect-fix.js";
import { listSome } from "./verdict.js";

/** A node whose global:sync() hung while global's own state shows why: what it waits on, by its own record. */
export interface StuckNode {
  node: string;
  kernelVersion: string | null;
  /** Whether that kernel carries OTP-19381's fix, and if not, the release that does. */
  fix: ReconnectFix;
  /** Peers a sync with is under way and did not finish ({pending, Node} in global's state). */
  pendingWith: string[];
  /** In nodes() but not among the peers global has synced with. */
  connectedNotKnown: string[];
  /** Among global's synced peers but not in nodes(). */
  knownNotConnected: string[];
  /** The nodes of the processes holding the lock global's syncs take (a held lock blocks every new sync). */
  lockHeldFrom: string[];
  /** OTP's own remedy: the peers to disconnect on this node (erlang:disconnect_node/1); global syncs again when they reconnect. */
  disconnect: string[];
}

/** global is stuck when a node's sync hung and its state confirms it; meshproof only says so and how to undo it. */
export interface GlobalStuck {
  nodes: StuckNode[];
}

/** Hung syncs that global's state confirms (pending syncs, known peers differing from nodes()); undefined when none does. */
export function stuckGlobal(observations: readonly NodeObservation[], judged: ReadonlySet<string>): GlobalStuck | undefined {
  const nodes: StuckNode[] = [];
  for (const seen of observations) {
    const state = seen.global?.state;
    if (!judged.has(seen.node) || seen.global?.sync !== "timeout" || !state) continue;
    const connected = seen.mesh ?? [];
    const pendingWith = state.pending;
    const connectedNotKnown = connected.filter((n) => !state.known.includes(n));
    const knownNotConnected = state.known.filter((n) => !connected.includes(n));
    if (!pendingWith.length && !connectedNotKnown.length && !knownNotConnected.length) continue;
    const lockHeldFrom = [...new Set(state.lockHolders.map((pid) => pid.node))].sort();
    const disconnect = [...new Set([...pendingWith, ...connectedNotKnown, ...lockHeldFrom])].filter((n) => n !== seen.node && connected.includes(n)).sort();
    const kernelVersion = seen.info?.kernelVersion ?? null;
    nodes.push({ node: seen.node, kernelVersion, fix: reconnectFixOf(kernelVersion), pendingWith, connectedNotKnown, knownNotConnected, lockHeldFrom, disconnect });
  }
  return nodes.length ? { nodes } : undefined;
}

/** "global stuck: app@n3 waits on a sync with app@n4 ...", then the fix's versions and the remedy. */
export function explainStuck(stuck: GlobalStuck, syncDeadlineMs: number): string {
  const waits = stuck.nodes.map(waitsOn).join("; ");
  const fixes = [...new Map(stuck.nodes.map((n) => [n.kernelVersion, n.fix])).values()].map(fixSentence);
  const remedy = stuck.nodes
    .filter((n) => n.disconnect.length)
    .map((n) => `on ${n.node} ${n.disconnect.map((peer) => `erlang:disconnect_node('${peer}')`).join(", ")}`)
    .join("; ");
  return [
    `global stuck: ${waits}`,
    `global:sync() hung past its ${syncDeadlineMs} ms deadline on ${listSome(stuck.nodes.map((n) => n.node))} and global's own state confirms it`,
    ...fixes,
    remedy ? `remedy (OTP's own; meshproof applies none): ${remedy}; global syncs again when they reconnect` : "",
  ]
    .filter(Boolean)
    .join(". ");
}

function waitsOn(n: StuckNode): string {
  const parts: string[] = [];
  if (n.pendingWith.length) parts.push(`waits on a sync with ${listSome(n.pendingWith)}`);
  if (n.connectedNotKnown.length) parts.push(`has not synced with ${listSome(n.connectedNotKnown)} of its nodes()`);
  if (n.knownNotConnected.length) parts.push(`counts ${listSome(n.knownNotConnected)} as synced, not in its nodes()`);
  if (n.lockHeldFrom.length) parts.push(`global's lock held there by a process on ${listSome(n.lockHeldFrom)}`);
  return `${n.node} ${parts.join(", ")}`;
}

function fixSentence(fix: ReconnectFix): string {
  if (fix.has === "unknown") return `kernel version ${fix.kernel ?? "unknown"}: whether it carries the fix of OTP-19381 (erlang/otp #9112) is not known`;
  if (fix.has) return `kernel ${fix.kernel} carries the fix of OTP-19381 (erlang/otp #9112), so upgrading to it is no remedy: this is a case it does not cover`;
  return `kernel ${fix.kernel} lacks the fix of OTP-19381 (erlang/otp #9112): OTP ${fix.upgradeTo.otp} (kernel ${fix.upgradeTo.kernel}) or later has it`;
}
