import { worstVerdict, type Verdict } from "../checks/verdict.js";
import type { CellResult } from "./run-matrix.js";

/**
 * The matrix's verdict: fail when a required cell failed, unknown when any
 * cell could not be judged (the table has a hole, whichever cell it is), else
 * pass; a failure beats an unknown, as in a run. Cells nobody required only
 * inform: their failing is what a compatibility table is for. A pair outside
 * OTP's compatibility window cannot be required (--require refuses it), so its
 * failing never fails the matrix; its unknown does, as any hole in the table.
 */
export function matrixVerdict(cells: readonly Pick<CellResult, "verdict" | "required">[]): Verdict {
  return worstVerdict(cells.map((cell) => (cell.verdict === "unknown" ? "unknown" : cell.verdict === "fail" && cell.required ? "fail" : "pass")));
}
