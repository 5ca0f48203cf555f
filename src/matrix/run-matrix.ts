import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Verdict } from "../checks/verdict.js";
import type { Scenario } from "../scenario/scenario.js";
import { releasesByNode } from "../config/otp.js";
import { nodeNames } from "../cluster/cluster-node.js";
import { errorMessage, UsageError } from "../errors.js";
import type { OtpRelease } from "../otp-releases.js";
import { executeRun, type RunHooks } from "../run/execute-run.js";
import { cellName, cellOtp, cellRunName, matrixCells, type Dist, type MatrixCell } from "./matrix-cells.js";
import { matrixMarkdown } from "./matrix-table.js";
import { matrixVerdict } from "./matrix-verdict.js";
import { insideOtpWindow } from "./otp-window.js";

/** What one cell's run showed: from the run's report, or from why its cluster never became ready. */
export interface CellResult {
  cell: string;
  releases: [OtpRelease, OtpRelease];
  /** The Erlang distribution the cell's cluster ran. */
  dist: Dist;
  /** Each node's release as the node itself reported it (null where it never answered). */
  nodes: { name: string; otpRelease: string | null; otpVersion: string | null; kernelVersion: string | null }[];
  meshFormed: boolean;
  pgConverged: boolean;
  verdict: Verdict;
  healP95Ms: number | null;
  /** Why the cell did not pass. */
  reason: string | null;
  /** The nodes' log lines that show why (a cluster that never formed). */
  logLines: string[];
  required: boolean;
  /** Whether OTP promises these releases talk to each other (see otp-window.ts): a cell outside only informs. */
  otpWindow: "inside" | "outside";
}

export interface MatrixResult {
  releases: OtpRelease[];
  /** The distributions each cell ran on: a table of cells per distribution. */
  dists: Dist[];
  seed: number;
  cells: CellResult[];
  /** fail when a required cell (inside OTP's window) failed, unknown when any cell could not be judged. */
  verdict: Verdict;
}

/**
 * Runs the scenario once per cell (each release alone, each pair mixed) and
 * distribution, each on a fresh cluster, and writes DIR/matrix.json and
 * DIR/matrix.md. A cell whose cluster never forms is a result (with the
 * nodes' log lines), not an error; bad input stops the matrix.
 */
export async function runMatrix(
  request: { scenario: Scenario; seed: number; releases: OtpRelease[]; dists: Dist[]; required: MatrixCell[]; dir: string; reproduce: string },
  hooks: RunHooks & { onCell?: (result: CellResult) => void },
): Promise<MatrixResult> {
  const cells: CellResult[] = [];
  for (const dist of request.dists) {
    for (const cell of matrixCells(request.releases)) {
      const result = await runCell(request, cell, dist, hooks);
      cells.push(result);
      hooks.onCell?.(result);
    }
  }
  const matrix: MatrixResult = {
    releases: request.releases,
    dists: request.dists,
    seed: request.seed,
    cells,
    verdict: matrixVerdict(cells),
  };
  await mkdir(request.dir, { recursive: true });
  await writeFile(join(request.dir, "matrix.json"), `${JSON.stringify(matrix, null, 2)}\n`);
  await writeFile(join(request.dir, "matrix.md"), matrixMarkdown(matrix));
  return matrix;
}

async function runCell(
  request: { scenario: Scenario; seed: number; dists: Dist[]; required: MatrixCell[]; dir: string; reproduce: string },
  cell: MatrixCell,
  dist: Dist,
  hooks: RunHooks,
): Promise<CellResult> {
  const name = cellName(cell);
  const runName = cellRunName(name, dist, request.dists);
  const required = request.required.some((r) => r.a === cell.a && r.b === cell.b);
  const nodes = request.scenario.cluster.nodes;
  const scenario: Scenario = { ...request.scenario, cluster: { ...request.scenario.cluster, otp: cellOtp(cell, nodes), dist } };
  hooks.say?.(`cell ${runName}: ${nodes} nodes on OTP ${cell.a === cell.b ? cell.a : `${cell.a} and ${cell.b}`}, distribution ${dist}`);
  try {
    // several distributions: a directory of cells per distribution
    const reportDir = request.dists.length > 1 ? join(request.dir, dist, name) : join(request.dir, name);
    const { report } = await executeRun({ scenario, seed: request.seed, reproduce: request.reproduce, reportDir, keep: false }, hooks);
    return {
      cell: name,
      releases: [cell.a, cell.b],
      dist,
      nodes: report.nodes,
      // a cluster that never formed is a report too: which layer did not come together, and what the nodes logged
      meshFormed: report.formation ? report.formation.mesh === "pass" : true,
      pgConverged: report.formation ? report.formation.pg !== "fail" : true,
      verdict: report.verdict,
      healP95Ms: report.stats.overall.heal?.p95 ?? null,
      reason: report.verdict === "pass" ? null : report.summary,
      logLines: report.formation?.logLines ?? [],
      required,
      otpWindow: otpWindowOf(cell),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return failedCell(cell, dist, nodes, required, error);
  }
}

/** A cell whose run broke (the harness could not do its job): unknown, with the reason. */
function failedCell(cell: MatrixCell, dist: Dist, nodes: number, required: boolean, error: unknown): CellResult {
  const planned = releasesByNode(cellOtp(cell, nodes), nodes);
  const base = {
    cell: cellName(cell),
    releases: [cell.a, cell.b] as [OtpRelease, OtpRelease],
    dist,
    nodes: nodeNames(nodes).map((name, i) => ({ name, otpRelease: String(planned[i]), otpVersion: null, kernelVersion: null })),
    healP95Ms: null,
    required,
    otpWindow: otpWindowOf(cell),
  };
  return { ...base, meshFormed: false, pgConverged: false, verdict: "unknown", reason: errorMessage(error), logLines: [] };
}

function otpWindowOf(cell: MatrixCell): CellResult["otpWindow"] {
  return insideOtpWindow([cell.a, cell.b]) ? "inside" : "outside";
}
