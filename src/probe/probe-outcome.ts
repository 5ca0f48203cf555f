import type { ProbeAnswer } from "./protocol.js";

/** Tells apart what a person must tell apart: a node that is down, a probe that broke, no answer in time. */
export type ProbeStatus = "ok" | "unreachable" | "crashed" | "timeout";

export interface ProbeOutcome {
  status: ProbeStatus;
  /** Why the status is not "ok". */
  reason?: string;
  answers: ProbeAnswer[];
}

/** The outcome of a set of answers: ok if all are, unreachable if the local node was, crashed otherwise. */
export function outcomeOf(answers: ProbeAnswer[]): ProbeOutcome {
  if (answers.every((answer) => answer.ok)) return { status: "ok", answers };
  if (answers.some((answer) => !answer.ok && answer.error === "unreachable")) {
    return { status: "unreachable", reason: "the probe cannot connect to the node (down, still starting, or another cookie)", answers };
  }
  const errors = answers.flatMap((answer) => (answer.ok ? [] : [`${answer.op}: ${answer.error}`]));
  return { status: "crashed", reason: errors.join("; "), answers };
}
