import type { ProbeOutcome } from "./probe-outcome.js";

export const REDACTED = "[cookie]";

/**
 * The outcome with every secret hidden in its reason and error answers, as
 * given and as Erlang prints it inside a string ("\\" and "\"" escaped): a
 * probe's stderr and errors end up in verdict details and reports, and a
 * crash there could print the cookie it was given.
 */
export function redactOutcome(outcome: ProbeOutcome, secrets: readonly string[] = []): ProbeOutcome {
  // the longer form first: the escaped one may hold the plain one
  const forms = secrets
    .filter((secret) => secret !== "")
    .flatMap((secret) => [secret.replaceAll("\\", "\\\\").replaceAll('"', '\\"'), secret]);
  if (forms.length === 0) return outcome;
  const hide = (text: string) => forms.reduce((hidden, form) => hidden.replaceAll(form, REDACTED), text);
  return {
    ...outcome,
    ...(outcome.reason === undefined ? {} : { reason: hide(outcome.reason) }),
    answers: outcome.answers.map((answer) => (answer.ok ? answer : { ...answer, error: hide(answer.error) })),
  };
}
