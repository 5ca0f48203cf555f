import type { IterationResult } from "../report/run-result.js";

/** One progress line per finished iteration, with the first reason when it did not pass. */
export function iterationLine(it: IterationResult, planned: number): string {
  const fault = it.shape ? `${it.fault} ${it.shape}` : it.fault;
  const times = `detect ${it.detectMs ?? "-"} ms, heal ${it.healMs ?? "-"} ms`;
  const failed = it.checks.find((c) => c.verdict !== "pass");
  const why = failed ? ` (${failed.name}: ${failed.detail})` : "";
  return `${it.index}/${planned} ${fault} ${it.targets.join(", ")}: ${times}: ${it.verdict}${why}`;
}
