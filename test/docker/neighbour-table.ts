import { readFile, writeFile } from "node:fs/promises";
import { neighbourEntriesNeeded, neighbourTableLimit, neighbourThresholds, raiseNeighbourTableCommand } from "../../src/cluster/neighbour-table.js";
import { errorMessage } from "../../src/errors.js";
import { ensureNodeImage } from "../../src/image/node-image.js";
import { silentProgress } from "../../src/progress.js";

const SYSCTL_DIR = "/proc/sys/net/ipv4/neigh/default";

/**
 * Makes the Docker host's neighbour table big enough for a mesh of `nodes`
 * containers when this process can (root, with the engine on this machine:
 * it writes the host's sysctls, as .ci/run does), and otherwise returns why a
 * test of that size must be skipped: a host default must never fail a test.
 */
export async function neighbourTableFor(nodes: number): Promise<string | undefined> {
  const image = await ensureNodeImage({ otp: 25, progress: silentProgress });
  const needed = neighbourEntriesNeeded(nodes);
  const limit = await neighbourTableLimit(image, "neighbour-check");
  if (limit === undefined || limit >= needed) return undefined; // unreadable: meshproof itself does not refuse then
  const why = `the Docker host's neighbour table holds ${limit} entries (gc_thresh3), a mesh of ${nodes} containers needs about ${needed}`;
  const blocker = raiseBlocker(process.getuid?.(), process.env.DOCKER_HOST);
  if (blocker) return `${why}, and ${blocker}; as root on that host: ${raiseNeighbourTableCommand(needed)}`;
  try {
    await raiseThresholds(needed);
  } catch (error) {
    return `${why}, and raising it here failed (${errorMessage(error)})`;
  }
  const raised = await neighbourTableLimit(image, "neighbour-check");
  if (raised !== undefined && raised >= needed) return undefined;
  return `${why}, and writing ${SYSCTL_DIR} here did not raise it (this process is not in the engine host's network namespace)`;
}

/** Why this process cannot raise the engine host's table, if it cannot. */
export function raiseBlocker(uid: number | undefined, dockerHost: string | undefined): string | undefined {
  if (uid !== 0) return "this test does not run as root";
  if (dockerHost && !dockerHost.startsWith("unix://")) return `the engine is not on this machine (DOCKER_HOST=${dockerHost})`;
  return undefined;
}

/** gc_thresh3 first, so that no moment has thresh1 or thresh2 above it; a value already higher is kept. */
async function raiseThresholds(entries: number): Promise<void> {
  const targets = neighbourThresholds(entries);
  for (const i of [3, 2, 1] as const) {
    const path = `${SYSCTL_DIR}/gc_thresh${i}`;
    const current = Number((await readFile(path, "utf8")).trim());
    if (!(current >= targets[i - 1]!)) await writeFile(path, String(targets[i - 1]));
  }
}
