import { errorMessage } from "../errors.js";
import type { GlobalStuck } from "./global-stuck.js";

/** A check's answer: pass, fail, or unknown when it could not judge (Jepsen's :unknown). */
export type Verdict = "pass" | "fail" | "unknown";

export interface CheckResult {
  name: string;
  verdict: Verdict;
  detail: string;
  /** The global check's findings when global is stuck, as data (report.json). */
  globalStuck?: GlobalStuck;
}

const SEVERITY: Record<Verdict, number> = { pass: 0, unknown: 1, fail: 2 };

/** fail beats unknown beats pass; nothing to judge is a pass. */
export function worstVerdict(verdicts: Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((worst, v) => (SEVERITY[v] > SEVERITY[worst] ? v : worst), "pass");
}

/** Builds a result from a list of problems: none is a pass. */
export function fromProblems(name: string, problems: string[], passDetail: string): CheckResult {
  if (problems.length === 0) return { name, verdict: "pass", detail: passDetail };
  const shown = problems.slice(0, 5).join("; ");
  const more = problems.length > 5 ? `; and ${problems.length - 5} more` : "";
  return { name, verdict: "fail", detail: shown + more };
}

/** "a, b, c and 12 more": long lists of nodes or pids stay readable. */
export function listSome(items: readonly string[], shown = 4): string {
  return items.length <= shown ? items.join(", ") : `${items.slice(0, shown).join(", ")} and ${items.length - shown} more`;
}

/** A checker that throws yields "unknown" with the reason, never a crash of the run. */
export function runCheck(name: string, check: () => CheckResult): CheckResult {
  try {
    return check();
  } catch (error) {
    return { name, verdict: "unknown", detail: `checker failed: ${errorMessage(error)}` };
  }
}
