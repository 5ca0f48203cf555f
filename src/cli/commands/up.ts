import { nodeNames } from "../../cluster/cluster-node.js";
import { openCluster } from "../../cluster/open/open-cluster.js";
import { clusterOptionsSchema, type ClusterOptionsInput } from "../../config/cluster-options.js";
import { parseInput } from "../../config/parse.js";
import { ClusterNotReady } from "../../errors.js";
import { reportNotFormed } from "../../run/not-formed.js";
import { scenarioSchema } from "../../scenario/scenario.js";
import { EXIT } from "../exit-codes.js";
import { flagName } from "../flags.js";
import type { CommandContext } from "../command-context.js";

/**
 * `meshproof up`: start a cluster, wait until it is ready, leave it running;
 * the last stdout line is the run id. A cluster that never forms is a verdict
 * (exit 1, with its report), as in `run`.
 */
export async function upCommand(raw: ClusterOptionsInput, ctx: CommandContext): Promise<number> {
  const options = parseInput(clusterOptionsSchema, raw, flagName);
  const startedAt = new Date();
  const started = performance.now();
  let runId: string | undefined;
  try {
    const cluster = await openCluster({ start: options, context: { progress: ctx.progress, signal: ctx.signal, onRunId: (id) => (runId = id) } });
    await cluster.detach();
    ctx.say(`cluster ready: ${cluster.nodeNames.join(" ")}`);
    ctx.say(`check it with: meshproof check --run ${cluster.runId}; remove it with: meshproof down --run ${cluster.runId}`);
    ctx.out(cluster.runId);
    return EXIT.pass;
  } catch (error) {
    if (!(error instanceof ClusterNotReady) || runId === undefined) throw error;
    const scenario = scenarioSchema.parse({ cluster: raw });
    const run = { runId, seed: 0, scenario, schedule: [], reproduce: `meshproof ${process.argv.slice(2).join(" ")}`, startedAt, started, nodes: nodeNames(options.nodes) };
    const { report, dir } = await reportNotFormed(error, run);
    ctx.out(`verdict: ${report.verdict}: ${report.summary}`);
    ctx.say(`report: ${dir}/report.json`);
    return EXIT.fail;
  }
}
