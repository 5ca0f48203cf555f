import { readReport } from "../../report/read-report.js";
import { executeRun } from "../../run/execute-run.js";
import { exitCodeFor } from "../exit-codes.js";
import { iterationLine } from "../iteration-line.js";
import { printOutcome } from "../print-outcome.js";
import type { CommandContext } from "../command-context.js";

/** `meshproof replay REPORT.json`: the same scenario and the very schedule that report ran, on a fresh cluster. */
export async function replayCommand(path: string, flags: { report?: string; keep?: boolean }, ctx: CommandContext): Promise<number> {
  const earlier = await readReport(path);
  ctx.say(`replaying run ${earlier.runId} (seed ${earlier.seed}, ${earlier.schedule.length} faults; it ended ${earlier.verdict})`);

  const { report, dir } = await executeRun(
    { scenario: earlier.scenario, seed: earlier.seed, schedule: earlier.schedule, reproduce: `meshproof replay ${path}`, reportDir: flags.report, keep: flags.keep ?? false },
    { progress: ctx.progress, signal: ctx.signal, say: ctx.say, onIteration: (it, planned) => ctx.say(iterationLine(it, planned)) },
  );
  printOutcome(report, dir, ctx);
  return exitCodeFor(report.verdict);
}
