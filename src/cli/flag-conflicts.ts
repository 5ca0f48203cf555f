import { FAULT_KINDS, traitsOf } from "../faults/index.js";
import type { ScenarioFlags } from "./scenario-flags.js";

type Lasting = "downtime" | "duration";

/** What --downtime or --fault-duration sets on a fault of this kind; undefined for unknown kinds, left for the schema to name. */
export function lastingOf(kind: unknown): string | undefined {
  return (FAULT_KINDS as readonly unknown[]).includes(kind) ? traitsOf(String(kind)).lasting : undefined;
}

const LENGTH_FLAGS: Record<Lasting, string> = { downtime: "--downtime", duration: "--fault-duration" };

/**
 * Flags that contradict each other, or that no fault to draw would take:
 * either way one of them would be dropped without a word, and the run would
 * not be the one asked for. `faults` are the faults the run draws from.
 */
export function flagConflicts(flags: ScenarioFlags, faults: readonly { kind?: unknown }[]): string[] {
  const problems: string[] = [];
  if (flags.kills !== undefined && flags.faults !== undefined) problems.push("--kills: it is short for --faults kill --count N; give --kills or --faults, not both");
  if (flags.kills !== undefined && flags.count !== undefined) problems.push("--kills: it sets the count already (--faults kill --count N); give --kills or --count, not both");
  if (faults.every((fault) => lastingOf(fault.kind) !== undefined)) {
    for (const lasting of ["downtime", "duration"] as const) {
      const given = lasting === "downtime" ? flags.downtime : flags.faultDuration;
      if (given === undefined || faults.some((fault) => lastingOf(fault.kind) === lasting)) continue;
      const kinds = FAULT_KINDS.filter((kind) => traitsOf(kind).lasting === lasting).join(", ");
      const drawn = [...new Set(faults.map((fault) => String(fault.kind)))].join(", ");
      problems.push(`${LENGTH_FLAGS[lasting]}: it sets the ${lasting} of ${kinds}, and none of the faults to draw (${drawn}) has one`);
    }
  }
  return problems;
}
