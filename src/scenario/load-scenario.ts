import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { errorMessage, UsageError } from "../errors.js";
import { parseInput } from "../config/parse.js";
import { asMeant } from "./legacy-repro.js";
import { scenarioSchema, type Scenario } from "./scenario.js";

/** Reads a scenario file (YAML, or JSON by extension) as plain data; validation comes after overrides. */
export async function readScenarioFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`--scenario ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let data: unknown;
  try {
    data = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UsageError(`--scenario ${path}: not valid ${path.endsWith(".json") ? "JSON" : "YAML"}: ${errorMessage(error)}`);
  }
  if (data === null || data === undefined) return {}; // an empty file: every default
  if (typeof data !== "object" || Array.isArray(data)) throw new UsageError(`--scenario ${path}: expected a mapping at the top`);
  return asMeant(text, data as Record<string, unknown>);
}

/**
 * The scenario to run: the file's, with every given CLI flag on top, then
 * validated as a whole. An error names the flag when a flag set the field,
 * and the file and field path otherwise.
 */
export function resolveScenario(
  file: { path: string; data: Record<string, unknown> } | undefined,
  overrides: Record<string, unknown>,
  flagOf: (path: string) => string | undefined,
): Scenario {
  const merged = deepMerge(file?.data ?? {}, overrides);
  return parseInput(scenarioSchema, merged, (path) => {
    const dotted = path.map(String).join(".");
    return flagOf(dotted) ?? (file ? [file.path, dotted].filter(Boolean).join(": ") : dotted);
  });
}

function deepMerge(base: Record<string, unknown>, top: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(top)) {
    if (value === undefined) continue;
    const below = out[key];
    out[key] = isPlainObject(below) && isPlainObject(value) ? deepMerge(below, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
