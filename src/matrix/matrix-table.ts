import { plainTable } from "../report/plain-table.js";
import { cellName, cellOf } from "./matrix-cells.js";
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

/** Rows and columns are releases; the upper triangle holds the cells (a pair is the same either way round). */
function grid(matrix: MatrixResult): string[][] {
  const byName = new Map(matrix.cells.map((c) => [c.cell, c]));
  return matrix.releases.map((row) =>
    matrix.releases.map((column) => (column < row ? "" : cellSummary(byName.get(cellName(cellOf(row, column)))))),
  );
}

/** The reasons behind every cell that did not pass, with the node log lines that show them. */
function reasons(matrix: MatrixResult): string[] {
  return matrix.cells
    .filter((c) => c.verdict !== "pass")
    .flatMap((c) => [`${c.cell}: ${c.reason}`, ...c.logLines.slice(0, 10).map((line) => `    ${line}`)]);
}

export function matrixConsoleTable(matrix: MatrixResult): string {
  const table = plainTable(["OTP", ...matrix.releases.map(String)]);
  grid(matrix).forEach((cells, i) => table.push([String(matrix.releases[i]), ...cells]));
  return [table.toString(), ...reasons(matrix)].join("\n");
}

export function matrixMarkdown(matrix: MatrixResult): string {
  const head = `| OTP | ${matrix.releases.join(" | ")} |`;
  const rule = `|---|${matrix.releases.map(() => "---").join("|")}|`;
  const rows = grid(matrix).map((cells, i) => `| **${matrix.releases[i]}** | ${cells.join(" | ")} |`);
  const notes = reasons(matrix).map((line) => (line.startsWith("    ") ? `    ${line.trim()}` : `- ${line}`));
  return [`# OTP compatibility matrix (seed ${matrix.seed}): ${matrix.verdict}`, "", head, rule, ...rows, "", ...notes, ""].join("\n");
}
