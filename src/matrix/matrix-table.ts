import { plainTable } from "../report/plain-table.js";
import { cellName, cellOf, cellRunName, type Dist } from "./matrix-cells.js";
import type { CellResult, MatrixResult } from "./run-matrix.js";

/** A cell in a few words: pass with its heal p95, or what failed. */
export function cellSummary(result: CellResult | undefined): string {
  if (!result) return "";
  const mark = result.required ? " (required)" : "";
  if (result.verdict === "pass") return `ok: mesh, pg, heal p95 ${result.healP95Ms === null ? "-" : `${result.healP95Ms} ms`}${mark}`;
  if (result.verdict === "unknown") return `UNKNOWN: ${result.meshFormed ? "heal not judged" : "the run broke"}${mark}`;
  if (!result.meshFormed) return `FAIL: no mesh${mark}`;
  if (!result.pgConverged) return `FAIL: pg did not converge${mark}`;
  return `FAIL: did not heal${mark}`;
}

/** Rows and columns are releases; the upper triangle holds the cells of one distribution (a pair is the same either way round). */
function grid(matrix: MatrixResult, dist: Dist): string[][] {
  const byName = new Map(matrix.cells.filter((c) => c.dist === dist).map((c) => [c.cell, c]));
  return matrix.releases.map((row) =>
    matrix.releases.map((column) => (column < row ? "" : cellSummary(byName.get(cellName(cellOf(row, column)))))),
  );
}

/** The reasons behind every cell that did not pass, with the node log lines that show them. */
function reasons(matrix: MatrixResult): string[] {
  return matrix.cells
    .filter((c) => c.verdict !== "pass")
    .flatMap((c) => [`${cellRunName(c.cell, c.dist, matrix.dists)}: ${c.reason}`, ...c.logLines.slice(0, 10).map((line) => `    ${line}`)]);
}

/** The corner of a distribution's table: plain "OTP" for the default matrix (tcp alone), else which distribution it is. */
function corner(matrix: MatrixResult, dist: Dist): string {
  return matrix.dists.length === 1 && dist === "tcp" ? "OTP" : `OTP over ${dist}`;
}

export function matrixConsoleTable(matrix: MatrixResult): string {
  const tables = matrix.dists.map((dist) => {
    const table = plainTable([corner(matrix, dist), ...matrix.releases.map(String)]);
    grid(matrix, dist).forEach((cells, i) => table.push([String(matrix.releases[i]), ...cells]));
    return table.toString();
  });
  return [...tables, ...reasons(matrix)].join("\n");
}

export function matrixMarkdown(matrix: MatrixResult): string {
  const tables = matrix.dists.flatMap((dist) => [
    `| ${corner(matrix, dist)} | ${matrix.releases.join(" | ")} |`,
    `|---|${matrix.releases.map(() => "---").join("|")}|`,
    ...grid(matrix, dist).map((cells, i) => `| **${matrix.releases[i]}** | ${cells.join(" | ")} |`),
    "",
  ]);
  const notes = reasons(matrix).map((line) => (line.startsWith("    ") ? `    ${line.trim()}` : `- ${line}`));
  return [`# OTP compatibility matrix (seed ${matrix.seed}): ${matrix.verdict}`, "", ...tables, ...notes, ""].join("\n");
}
