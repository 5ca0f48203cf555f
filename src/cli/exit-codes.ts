import type { Verdict } from "../checks/verdict.js";

/** The process's exit codes, in one place (documented in docs/cli.md). */
export const EXIT = {
  pass: 0,
  fail: 1,
  /** A verdict of "unknown", a harness error or bad input. */
  error: 2,
  interrupted: 130,
} as const;

export function exitCodeFor(verdict: Verdict): number {
  return verdict === "pass" ? EXIT.pass : verdict === "fail" ? EXIT.fail : EXIT.error;
}
