import { randomInt } from "node:crypto";
import { join } from "node:path";
import { readScenarioFile, resolveScenario } from "../../scenario/load-scenario.js";
import { parseInput } from "../../config/parse.js";
import { cellName, cellRunName, distListSchema, releaseListSchema, requiredCellsSchema } from "../../matrix/matrix-cells.js";
import { matrixConsoleTable, cellSummary } from "../../matrix/matrix-table.js";
import { runMatrix } from "../../matrix/run-matrix.js";
import { UsageError } from "../../errors.js";
import { z } from "zod";
import { exitCodeFor } from "../exit-codes.js";
import { flagName } from "../flags.js";
import { iterationLine } from "../iteration-line.js";
import { scenarioOverrides, type ScenarioFlags } from "../scenario-flags.js";
import type { CommandContext } from "../command-context.js";

export interface MatrixFlags extends Omit<ScenarioFlags, "otp" | "dist"> {
  otp?: string;
  dist?: string;
  require?: string;
  scenario?: string;
  report?: string;
}

const matrixSchema = z.object({
  otp: releaseListSchema.default([25, 27, 29]),
  dist: distListSchema.default(["tcp"]),
  require: requiredCellsSchema.default([]),
});

/**
 * `meshproof matrix --otp 25,27,29`: the scenario on every release alone and
 * on every pair mixed, as a compatibility table. Exit 1 when a cell the user
 * requires (--require 27-29) fails, 2 when any cell could not be judged.
 */
export async function matrixCommand(flags: MatrixFlags, ctx: CommandContext): Promise<number> {
  const { otp, dist, require: required, scenario: path, report, ...scenarioFlags } = flags;
  const options = parseInput(matrixSchema, { otp, dist, require: required }, flagName);
  const missing = options.require.find((cell) => !options.otp.includes(cell.a) || !options.otp.includes(cell.b));
  if (missing) throw new UsageError(`--require: ${cellName(missing)} is not in the matrix of --otp ${options.otp.join(",")}`);
  if (scenarioFlags.image || scenarioFlags.baseImage) throw new UsageError("--image and --base-image give one release: the matrix crosses meshproof's Debian bases");
  const file = path ? { path, data: await readScenarioFile(path) } : undefined;
  const { overrides, flagOf } = scenarioOverrides(scenarioFlags, file?.data.faults);
  const scenario = resolveScenario(file, overrides, flagOf);
  const seed = scenario.seed ?? randomInt(0, 2 ** 31);
  ctx.say(`seed ${seed}; ${options.otp.length} releases: each alone and each pair mixed, over ${options.dist.join(" and ")}`);

  const dir = report ?? join("runs", `matrix-${seed}`);
  const matrix = await runMatrix(
    {
      scenario,
      seed,
      releases: options.otp,
      dists: options.dist,
      required: options.require,
      dir,
      reproduce: `meshproof matrix --otp ${options.otp.join(",")} --dist ${options.dist.join(",")} --seed ${seed}`,
    },
    {
      progress: ctx.progress,
      signal: ctx.signal,
      say: ctx.say,
      onIteration: (it, planned) => ctx.say(`  ${iterationLine(it, planned)}`),
      onCell: (cell) => ctx.say(`cell ${cellRunName(cell.cell, cell.dist, options.dist)}: ${cellSummary(cell)}`),
    },
  );
  ctx.out(matrixConsoleTable(matrix));
  const unjudged = matrix.cells.filter((cell) => cell.verdict === "unknown").map((cell) => cell.cell);
  const note = unjudged.length
    ? ` (not judged: ${unjudged.join(", ")}; the reasons are above)`
    : options.require.length
      ? ""
      : " (no --require: the cells inform, none fails the matrix)";
  ctx.out(`matrix: ${matrix.verdict}${note}`);
  ctx.say(`matrix: ${join(dir, "matrix.json")}, ${join(dir, "matrix.md")}`);
  return exitCodeFor(matrix.verdict);
}
