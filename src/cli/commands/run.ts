import { randomInt } from "node:crypto";
import { startCluster } from "../../cluster/start-cluster.js";
import { parseInput } from "../../config/parse.js";
import { runOptionsSchema } from "../../config/run-options.js";
import { asStep } from "../../progress.js";
import { buildReport } from "../../report/build-report.js";
import { iterationTable } from "../../report/iteration-table.js";
import { writeReport } from "../../report/write-report.js";
import type { IterationResult } from "../../run/kill-iteration.js";
import { runKills } from "../../run/kill-run.js";
import { exitCodeFor } from "../exit-codes.js";
import { flagName } from "../flags.js";
import type { CommandContext } from "../command-context.js";
import type { z } from "zod";

/** `meshproof run`: start a cluster, kill nodes at random (seeded), verify each heal, report. */
export async function runCommand(raw: z.input<typeof runOptionsSchema>, ctx: CommandContext): Promise<number> {
  const options = parseInput(runOptionsSchema, raw, flagName);
  const seed = options.seed ?? randomInt(0, 2 ** 31);
  ctx.say(`seed ${seed} (repeat these choices with --seed ${seed})`);
  const startedAt = new Date();
  const started = performance.now();

  const cluster = await startCluster(options, { progress: ctx.progress, signal: ctx.signal });
  try {
    const result = await runKills(
      cluster,
      { seed, kills: options.kills, downtimeMs: options.downtime, detectDeadlineMs: options.detectDeadline, healDeadlineMs: options.healDeadline },
      { signal: ctx.signal, onIteration: (it, total) => ctx.say(iterationLine(it, total)) },
    );
    const observations = await cluster.observe();
    const report = buildReport({
      runId: cluster.runId,
      seed,
      options,
      startedAt,
      durationMs: performance.now() - started,
      nodes: cluster.nodeNames.map((name) => ({ name, observation: observations.find((o) => o.node === name) })),
      result,
    });
    ctx.out(iterationTable(report));
    ctx.out(`verdict: ${report.verdict}: ${report.summary}`);
    if (options.report) ctx.say(`report written to ${await writeReport(options.report, report)}`);
    return exitCodeFor(report.verdict);
  } finally {
    if (options.keep) ctx.say(`kept run ${cluster.runId}; remove it with: meshproof down --run ${cluster.runId}`);
    else await asStep(ctx.progress, `Removing run ${cluster.runId}`, () => cluster.down());
  }
}

function iterationLine(it: IterationResult, total: number): string {
  const times = `detect ${it.detectMs ?? "-"} ms, heal ${it.healMs ?? "-"} ms`;
  const failed = it.checks.find((c) => c.verdict !== "pass");
  const why = failed ? ` (${failed.name}: ${failed.detail})` : "";
  return `${it.fault} ${it.index}/${total} ${it.target}: ${times}: ${it.verdict}${why}`;
}
