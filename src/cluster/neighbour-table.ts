import { runOnce } from "../docker/run-once.js";
import { UsageError } from "../errors.js";
import { LABEL_RUN } from "../docker/labels.js";

/** Below this many nodes the kernel's default neighbour table is always big enough. */
const CHECK_FROM_NODES = 16;

/** Neighbour (ARP) entries a full mesh of `nodes` containers needs, about N x N with room to spare. */
export function neighbourEntriesNeeded(nodes: number): number {
  return 2 * nodes * nodes;
}

/** net.ipv4.neigh.default.gc_thresh1..3 for a table that holds `entries`. */
export function neighbourThresholds(entries: number): [number, number, number] {
  return [entries / 4, entries / 2, entries];
}

/** The command that raises the table, as root on the Docker host. */
export function raiseNeighbourTableCommand(entries: number): string {
  return `sysctl -w ${neighbourThresholds(entries).map((value, i) => `net.ipv4.neigh.default.gc_thresh${i + 1}=${value}`).join(" ")}`;
}

/**
 * The Docker host's neighbour table limit (gc_thresh3), read from a container
 * on the host's network: the sysctl lives in the host's network namespace,
 * which a remote engine's host or a containerised caller does not share.
 * Undefined when it cannot be read.
 */
export async function neighbourTableLimit(image: string, runId: string): Promise<number | undefined> {
  const { exitCode, output } = await runOnce({
    image,
    cmd: ["cat", "/proc/sys/net/ipv4/neigh/default/gc_thresh3"],
    networkMode: "host",
    labels: { [LABEL_RUN]: runId },
  });
  const limit = Number(output.trim());
  return exitCode === 0 && Number.isFinite(limit) ? limit : undefined;
}

/**
 * The kernel's neighbour (ARP) table is shared by every network namespace of
 * the host, and a full mesh of N containers needs about N x N entries. Past
 * its limit (gc_thresh3, 1024 by default) connections fail at random with
 * "neighbor table overflow", and a healthy cluster would look broken; so a
 * big cluster on a host with a small table is refused, with the fix.
 */
export async function requireNeighbourTable(image: string, nodes: number, runId: string): Promise<void> {
  if (nodes < CHECK_FROM_NODES) return;
  const limit = await neighbourTableLimit(image, runId);
  const needed = neighbourEntriesNeeded(nodes);
  if (limit !== undefined && limit < needed) {
    throw new UsageError(
      `--nodes ${nodes}: a mesh of ${nodes} containers needs about ${needed} neighbour (ARP) entries, but this host allows ${limit} ` +
        `(net.ipv4.neigh.default.gc_thresh3). Raise it as root on the Docker host: ${raiseNeighbourTableCommand(needed)}`,
    );
  }
}
