import { withDurationUnits } from "./stored-scenario.js";

/** How a repro scenario.yaml began that `meshproof shrink` wrote before durations needed units. */
const LEGACY_REPRO_HEADER = "# The smallest schedule `meshproof shrink` found that still fails ";

/**
 * A scenario file's data as meant: a repro scenario of that older format
 * (known by its first line) wrote durations as bare numbers of ms, which
 * meshproof made, so they are read as ms; any other file is taken as written.
 */
export function asMeant(text: string, data: Record<string, unknown>): Record<string, unknown> {
  return text.startsWith(LEGACY_REPRO_HEADER) ? withDurationUnits(data) : data;
}
