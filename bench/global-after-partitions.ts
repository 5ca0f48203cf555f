/**
 * The reference experiment: after a partition ends, does OTP's global sync
 * again, on meshproof's agent and on bare OTP nodes? Per cell (release, tick,
 * shape, cluster): `runs` 5-node clusters, each trying `partitions`
 * partitions in turn until its first failure; stuck = global not synced 60 s
 * after the lift. Each run goes into bench/results.json
 * `globalAfterPartitions` as it ends, with its date; runs of other seeds add up.
 *
 *   npm run bench:global                                     (the whole grid: hours on 2 cores)
 *   npm run bench:global -- --otp 27 --tick 5 --runs 1 --lock /tmp/meshproof-docker.lock
 *
 * Flags take comma lists: --otp 25,27,29 --tick 2,5 --shape bridge,ring,halves,isolate-oneway
 * --cluster agent,bare --runs 3 --partitions 4 --seed 1. With --lock each cell
 * runs in a child process under flock(1), so the engine is free between cells.
 */
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { execa } from "execa";
import { parseInput } from "../src/config/parse.js";
import { cellKey, cellsOf, gridSchema } from "./global/grid.js";
import { runOnce, type RunOutcome } from "./global/run-cell.js";

const RESULTS = new URL("./results.json", import.meta.url);

/** A cell's counts over its runs: runs with stuck global, and partitions tried. */
interface CellRecord {
  stuck: number;
  tried: number;
  runs: RunOutcome[];
}

/** Adds a run to its cell in results.json (a run of the same seed is replaced), keeping every other figure (the main bench's too). */
async function recordRun(key: string, run: RunOutcome): Promise<CellRecord> {
  const results = JSON.parse(await readFile(RESULTS, "utf8")) as Record<string, unknown>;
  const previous = (results.globalAfterPartitions ?? {}) as { cells?: Record<string, CellRecord> };
  const runs = [...(previous.cells?.[key]?.runs ?? []).filter((r) => r.seed !== run.seed), run].sort((a, b) => a.seed - b.seed);
  const cell = { stuck: runs.filter((r) => r.stuckAt !== null).length, tried: runs.reduce((sum, r) => sum + r.tried, 0), runs };
  results.globalAfterPartitions = {
    stuck: "global:sync() not returned, or the name tables differ, 60 s after a partition's lift while nodes() is full; a run stops at its first failure",
    cells: { ...previous.cells, [key]: cell },
  };
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  return cell;
}

const { values } = parseArgs({
  options: Object.fromEntries(["otp", "tick", "shape", "cluster", "runs", "partitions", "seed", "lock", "cell"].map((name) => [name, { type: "string" as const }])),
});
const grid = parseInput(gridSchema, values);
const log = (line: string) => console.log(line);
const cells = cellsOf(grid).filter((cell) => grid.cell === undefined || cellKey(cell) === grid.cell);

for (const cell of cells) {
  const key = cellKey(cell);
  if (grid.lock && grid.cell === undefined) {
    const args = [...process.execArgv, process.argv[1]!, ...process.argv.slice(2), "--cell", key];
    await execa("flock", [grid.lock, process.execPath, ...args], { stdio: "inherit" });
    continue;
  }
  for (let seed = grid.seed; seed < grid.seed + grid.runs; seed++) {
    const run = await runOnce(cell, seed, grid.partitions, log);
    const counts = await recordRun(key, run);
    log(`${key} (OTP ${run.otpVersion ?? "?"}): seed ${seed} ${run.stuckAt ? `stuck after partition ${run.stuckAt}` : run.otherFailure ? `failed: ${run.otherFailure}` : `${run.tried} healed`}; the cell so far: stuck in ${counts.stuck} of ${counts.runs.length} runs, ${counts.tried} partitions tried`);
  }
}
