import type { Report } from "../report/report-schema.js";
import { iterationTable } from "../report/iteration-table.js";
import { layerTable } from "../report/layer-table.js";
import { statsTable } from "../report/stats-table.js";
import { nodesLine } from "../report/node-versions.js";
import type { CommandContext } from "./command-context.js";

/** The end of a run on the console: the nodes' versions, iterations, each layer over the run, time statistics, verdict, and where the files are. */
export function printOutcome(report: Report, dir: string, ctx: CommandContext): void {
  ctx.out(nodesLine(report.nodes));
  ctx.out(iterationTable(report));
  ctx.out(layerTable(report));
  ctx.out(statsTable(report));
  ctx.out(`verdict: ${report.verdict}: ${report.summary}`);
  ctx.say(`report: ${dir}/report.html (open it in a browser), ${dir}/report.json, ${dir}/junit.xml, ${dir}/history.ndjson`);
}
