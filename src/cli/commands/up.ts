import { startCluster } from "../../cluster/start-cluster.js";
import { clusterOptionsSchema, type ClusterOptionsInput } from "../../config/cluster-options.js";
import { parseInput } from "../../config/parse.js";
import { EXIT } from "../exit-codes.js";
import { flagName } from "../flags.js";
import type { CommandContext } from "../command-context.js";

/** `meshproof up`: start a cluster, wait until it is ready, leave it running; the last stdout line is the run id. */
export async function upCommand(raw: ClusterOptionsInput, ctx: CommandContext): Promise<number> {
  const options = parseInput(clusterOptionsSchema, raw, flagName);
  const cluster = await startCluster(options, { progress: ctx.progress, signal: ctx.signal });
  await cluster.detach();
  ctx.say(`cluster ready: ${cluster.nodeNames.join(" ")}`);
  ctx.say(`check it with: meshproof check --run ${cluster.runId}; remove it with: meshproof down --run ${cluster.runId}`);
  ctx.out(cluster.runId);
  return EXIT.pass;
}
