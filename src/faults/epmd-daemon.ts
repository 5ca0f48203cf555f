import type { Cluster } from "../cluster/cluster.js";
import { netAdminShell } from "./net-admin-shell.js";

/*
 * epmd, the daemon in each container that maps node names to distribution
 * ports: what a node dialing a peer asks first. The node's VM starts it (`erl
 * -sname`) and holds a connection to it, which is its registration.
 */

/** epmd from the PATH, else from beside the running VM (a release bundles its erts, whose bin holds both). */
const EPMD = 'e=$(command -v epmd || echo "$(dirname "$(readlink /proc/$(pidof -s beam.smp)/exe)")/epmd")';

/** The pids of every epmd in the node's container; none where it does not run. */
export async function epmdPids(cluster: Cluster, node: string): Promise<string[]> {
  return (await netAdminShell(cluster, node, "pidof epmd || true")).split(/\s+/).filter(Boolean);
}

/** SIGKILL of epmd, as if it crashed: its connections close, the node's registration with them. */
export async function killEpmd(cluster: Cluster, node: string): Promise<void> {
  await netAdminShell(cluster, node, 'pids=$(pidof epmd) || { echo "no epmd runs in the container" >&2; exit 1; }; kill -KILL $pids');
}

/**
 * Starts epmd where none runs (a no-op where one does), with stdio closed so
 * that the daemon does not hold the exec open. A new epmd knows no node: each
 * must register with it again by itself. On a loaded host a start has been
 * seen to leave no epmd behind once; it is tried for about 2 s.
 */
export async function startEpmd(cluster: Cluster, node: string): Promise<void> {
  await netAdminShell(
    cluster,
    node,
    `pidof epmd >/dev/null && exit 0; ${EPMD}; for try in 1 2 3 4 5 6 7 8 9 10; do "$e" -daemon </dev/null >/dev/null 2>&1; ` +
      `pidof epmd >/dev/null && exit 0; sleep 0.2; done; echo "epmd did not start ($e, 10 tries)" >&2; exit 1`,
  );
}
