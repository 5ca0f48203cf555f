import { randomInt } from "node:crypto";
import { readScenarioFile, resolveScenario } from "../../scenario/load-scenario.js";
import { executeRun } from "../../run/execute-run.js";
import { attachOptionsOf, type AttachFlags } from "../attach-flags.js";
import { exitCodeFor } from "../exit-codes.js";
import { iterationLine } from "../iteration-line.js";
import { printOutcome } from "../print-outcome.js";
import { scenarioOverrides, type ScenarioFlags } from "../scenario-flags.js";
import type { CommandContext } from "../command-context.js";

export interface RunFlags extends ScenarioFlags, AttachFlags {
  scenario?: string;
  report?: string;
  keep?: boolean;
}

/** `meshproof run`: a scenario (file and/or flags; default 10 kills of 5 nodes), its verdict and reports. */
export async function runCommand(flags: RunFlags, ctx: CommandContext): Promise<number> {
  const file = flags.scenario ? { path: flags.scenario, data: await readScenarioFile(flags.scenario) } : undefined;
  const { overrides, flagOf } = scenarioOverrides(flags, file?.data.faults);
  const scenario = resolveScenario(file, overrides, flagOf);
  const attach = attachOptionsOf(flags);
  const seed = scenario.seed ?? randomInt(0, 2 ** 31);
  ctx.say(`seed ${seed} (repeat these choices with --seed ${seed}), distribution ${scenario.cluster.dist}`);

  const { report, dir } = await executeRun(
    { scenario, seed, reproduce: reproduceCommand(seed), reportDir: flags.report, keep: flags.keep ?? false, attach },
    { progress: ctx.progress, signal: ctx.signal, say: ctx.say, onIteration: (it, planned) => ctx.say(iterationLine(it, planned)) },
  );
  printOutcome(report, dir, ctx);
  return exitCodeFor(report.verdict);
}

/** This command line with the seed pinned. */
function reproduceCommand(seed: number): string {
  const args: string[] = [];
  const given = process.argv.slice(2);
  for (let i = 0; i < given.length; i++) {
    if (given[i] === "--seed") i++;
    else if (!given[i]!.startsWith("--seed=")) args.push(given[i]!);
  }
  return ["meshproof", ...args, "--seed", String(seed)].join(" ");
}
