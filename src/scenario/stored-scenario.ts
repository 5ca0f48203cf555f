import { z } from "zod";
import { durationText } from "../config/duration.js";
import { scenarioSchema } from "./scenario.js";

/** The fault fields that hold a duration (kill's downtime, stop's grace, a pause's duration, delay's delay). */
export const FAULT_DURATION_FIELDS = ["downtime", "grace", "duration", "delay"] as const;

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => value !== null && typeof value === "object" && !Array.isArray(value);
const text = (value: unknown) => (typeof value === "number" ? durationText(value) : value);
const withTexts = (object: Plain, fields: readonly string[]): Plain => ({ ...object, ...Object.fromEntries(fields.filter((field) => field in object).map((field) => [field, text(object[field])])) });
const textsIn = (value: unknown, fields: readonly string[]) => (isPlain(value) ? withTexts(value, fields) : value);

/**
 * A scenario whose durations meshproof stored as numbers of milliseconds
 * (report.json, a repro scenario.yaml of before durations needed units), with
 * each of them written out with its unit: what a person would write, so that
 * it is judged by the same schema and rules. Anything else is left as it is.
 */
export function withDurationUnits(scenario: Plain): Plain {
  const { budget } = scenario;
  const budgetTexts = isPlain(budget) && isPlain(budget.healP95) ? { ...budget, healP95: withTexts(budget.healP95, Object.keys(budget.healP95)) } : textsIn(budget, ["healP95"]);
  return {
    ...withTexts(scenario, ["interval", "recoveryWindow"]),
    ...("cluster" in scenario ? { cluster: textsIn(scenario.cluster, ["readyDeadline", "probeTimeout"]) } : {}),
    ...("deadlines" in scenario ? { deadlines: textsIn(scenario.deadlines, ["detect", "heal", "stable"]) } : {}),
    ...("budget" in scenario ? { budget: budgetTexts } : {}),
    ...(Array.isArray(scenario.faults) ? { faults: scenario.faults.map((fault) => textsIn(fault, FAULT_DURATION_FIELDS)) } : {}),
  };
}

/** The scenario as meshproof stored it in report.json (durations in ms): machine data, read back into the same scenario. */
export const storedScenarioSchema = z.preprocess((stored) => (isPlain(stored) ? withDurationUnits(stored) : stored), scenarioSchema);
