import { native } from "../src/docker/client.js";
import type { StartedCluster } from "../src/index.js";

interface MemoryStats {
  usage?: number;
  stats?: { inactive_file?: number; total_inactive_file?: number; cache?: number };
}

/**
 * Average memory of the cluster's containers in MB, as `docker stats` counts
 * it: usage minus the page cache the kernel can drop. Includes the node's VM
 * and its probe session's VM.
 */
export async function containerMemoryMb(cluster: StartedCluster): Promise<number> {
  const usages = await Promise.all(
    cluster.nodeNames.map(async (node) => {
      const stats = (await native(await cluster.container(node)).stats({ stream: false })) as { memory_stats: MemoryStats };
      const m = stats.memory_stats;
      const cache = m.stats?.total_inactive_file ?? m.stats?.inactive_file ?? m.stats?.cache ?? 0;
      return ((m.usage ?? 0) - cache) / 2 ** 20;
    }),
  );
  return usages.reduce((a, b) => a + b, 0) / usages.length;
}
