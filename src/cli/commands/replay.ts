import { readFile } from "node:fs/promises";
import { reportSchema } from "../../report/report-schema.js";
import { errorMessage, UsageError } from "../../errors.js";
import { executeRun } from "../../run/execute-run.js";
import { exitCodeFor } from "../exit-codes.js";
import { iterationLine } from "../iteration-line.js";
import { printOutcome } from "../print-outcome.js";
import type { CommandContext } from "../command-context.js";

/** `meshproof replay REPORT.json`: the same scenario and the very schedule that report ran, on a fresh cluster. */
export async function replayCommand(path: string, flags: { report?: string; keep?: boolean }, ctx: CommandContext): Promise<number> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new UsageError(`${path}: cannot read a report from it (${errorMessage(error)})`);
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`${path}: not a meshproof report: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
  const earlier = parsed.data;
  ctx.say(`replaying run ${earlier.runId} (seed ${earlier.seed}, ${earlier.schedule.length} faults; it ended ${earlier.verdict})`);

  const { report, dir } = await executeRun(
    { scenario: earlier.scenario, seed: earlier.seed, schedule: earlier.schedule, reproduce: `meshproof replay ${path}`, reportDir: flags.report, keep: flags.keep ?? false },
    { progress: ctx.progress, signal: ctx.signal, say: ctx.say, onIteration: (it, planned) => ctx.say(iterationLine(it, planned)) },
  );
  printOutcome(report, dir, ctx);
  return exitCodeFor(report.verdict);
}
