import type { Report } from "./report-schema.js";

/**
 * The check a failed run violated: the first failed check of the iteration
 * that failed, else of the whole-run checks (final heal, budget, formation).
 */
export function violatedCheck(report: Pick<Report, "iterations" | "checks">): { name: string; detail: string } | undefined {
  const failed = [...report.iterations.flatMap((it) => it.checks), ...report.checks].find((check) => check.verdict === "fail");
  return failed && { name: failed.name, detail: failed.detail };
}
