import { plainTable } from "../report/plain-table.js";
import { cellName, cellOf, cellRunName, type Dist } from "./matrix-cells.js";
import type { CellResult, MatrixResult } from "./run-matrix.js";
import { shortLine } from "./short-line.js";

const OUTSIDE = "outside OTP's compatibility window";

/** A cell in a few words: pass with its heal p95, or what failed; a pair OTP does not promise says so instead of ok or FAIL. */
export function cellSummary(result: CellResult | undefined): string {
  if (!result) return "";
  const mark = result.required ? " (required)" : "";
  if (result.verdict === "unknown") return `UNKNOWN: ${result.meshFormed ? "heal not judged" : "the run broke"}${mark}`;
  const outcome = result.verdict === "pass" ? `mesh, pg, heal p95 ${result.healP95Ms === null ? "-" : `${result.healP95Ms} ms`}` : failure(result);
  if (result.otpWindow === "outside") return `${OUTSIDE}: ${result.verdict === "pass" ? "passed" : "failed"} (${outcome})${mark}`;
  return `${result.verdict === "pass" ? "ok" : "FAIL"}: ${outcome}${mark}`;
}

function failure(result: CellResult): string {
  if (!result.meshFormed) return "no mesh";
  if (!result.pgConverged) return "pg did not converge";
  return "did not heal";
}

/** Rows and columns are releases; the upper triangle holds the cells of one distribution (a pair is the same either way round). */
function grid(matrix: MatrixResult, dist: Dist): string[][] {
  const byName = new Map(matrix.cells.filter((c) => c.dist === dist).map((c) => [c.cell, c]));
  return matrix.releases.map((row) =>
    matrix.releases.map((column) => (column < row ? "" : cellSummary(byName.get(cellName(cellOf(row, column)))))),
  );
}

/**
 * The reasons behind every cell that did not pass, with the node log lines
 * that show them, a line each: a reason can be a whole node log (matrix.json
 * keeps it).
 */
function reasons(matrix: MatrixResult): string[] {
  return matrix.cells
    .filter((c) => c.verdict !== "pass")
    .flatMap((c) => {
      const name = cellRunName(c.cell, c.dist, matrix.dists) + (c.otpWindow === "outside" ? ` (${OUTSIDE})` : "");
      const reason = shortLine(c.reason ?? "");
      const logLines = c.logLines.slice(0, 10).map((text) => shortLine(text));
      return [
        `${name}: ${reason.line}${reason.cut ? "… (the whole reason is in matrix.json)" : ""}`,
        ...logLines.map(({ line, cut }) => `    ${line}${cut ? "…" : ""}`),
      ];
    });
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
