import { runOnce } from "../docker/run-once.js";
import { UsageError } from "../errors.js";
import { LABEL_RUN } from "../docker/labels.js";

/** Below this many nodes the kernel's default neighbour table is always big enough. */
const CHECK_FROM_NODES = 16;

/**
 * The kernel's neighbour (ARP) table is shared by every network namespace of
 * the host, and a full mesh of N containers needs about N x N entries. Past
 * its limit (gc_thresh3, 1024 by default) connections fail at random with
 * "neighbor table overflow", and a healthy cluster would look broken; so a
 * big cluster on a host with a small table is refused, with the fix.
 */
export async function requireNeighbourTable(image: string, nodes: number, runId: string): Promise<void> {
  if (nodes < CHECK_FROM_NODES) return;
  const { exitCode, output } = await runOnce({
    image,
    cmd: ["cat", "/proc/sys/net/ipv4/neigh/default/gc_thresh3"],
    networkMode: "host",
    labels: { [LABEL_RUN]: runId },
  });
  const limit = Number(output.trim());
  const needed = 2 * nodes * nodes;
  if (exitCode === 0 && Number.isFinite(limit) && limit < needed) {
    throw new UsageError(
      `--nodes ${nodes}: a mesh of ${nodes} containers needs about ${needed} neighbour (ARP) entries, but this host allows ${limit} ` +
        `(net.ipv4.neigh.default.gc_thresh3). Raise it as root on the Docker host: ` +
        `sysctl -w net.ipv4.neigh.default.gc_thresh1=${needed / 4} net.ipv4.neigh.default.gc_thresh2=${needed / 2} net.ipv4.neigh.default.gc_thresh3=${needed}`,
    );
  }
}
