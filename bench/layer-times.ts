/**
 * The per-layer figures of the bench alone, merged into bench/results.json
 * (the other figures there stay as the last full bench wrote them):
 * healResolutionMsByLayer over five kills at 5 nodes, and the sweeps of each
 * heal lane next to the mesh-and-pg sweep at 5 and 50 nodes.
 *
 *   npm run bench:layers     (about 2 minutes, most of it forming 50 nodes)
 */
import { readFile, writeFile } from "node:fs/promises";
import { startCluster, type StartedCluster } from "../src/index.js";
import { Figures } from "./figures.js";
import { killIterations } from "./kill-iterations.js";
import { resolutionsByLayer, sweeps } from "./layer-figures.js";

const figures = new Figures();

async function withCluster(nodes: number, work: (cluster: StartedCluster) => Promise<void>): Promise<void> {
  const cluster = await startCluster({ nodes, readyDeadline: "5m" });
  try {
    await work(cluster);
  } finally {
    await cluster.down();
  }
}

await withCluster(5, async (cluster) => {
  await sweeps(figures, cluster, 20);
  resolutionsByLayer(figures, await killIterations(cluster, 5));
});
await withCluster(50, (cluster) => sweeps(figures, cluster, 5));

console.log(figures.table());
const path = new URL("./results.json", import.meta.url);
const results = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
for (const [group, value] of Object.entries(figures.results)) {
  results[group] = typeof value === "object" ? { ...(results[group] as object), ...value } : value;
}
await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
console.log("merged into bench/results.json");
