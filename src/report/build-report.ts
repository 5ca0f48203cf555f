import { incarnationsOf } from "../checks/incarnations.js";
import { reportSchema, type Report } from "./report-schema.js";
import type { Scenario } from "../scenario/scenario.js";
import type { NodeObservation } from "../probe/observe-node.js";
import type { FaultPlan } from "../faults/index.js";
import type { ScenarioResult } from "./run-result.js";
import { version } from "../version.js";
import type { Formation } from "./formation.js";
import { layerSummaries } from "./layer-summaries.js";

export interface RunFacts {
  runId: string;
  seed: number;
  scenario: Scenario;
  schedule: readonly FaultPlan[];
  /** The command line that repeats the run. */
  reproduce: string;
  startedAt: Date;
  durationMs: number;
  /** The last observation of each node, for its OTP release. */
  observations: readonly NodeObservation[];
  nodes: readonly string[];
  /** The host that ran each node when the run began (swarm: its task's swarm node); none where there is one host. */
  hosts?: Readonly<Record<string, string>>;
  result: ScenarioResult;
  /** Only for a cluster that never formed. */
  formation?: Formation;
}

/** The report of a run, validated against the published schema before anyone reads it. */
export function buildReport(facts: RunFacts): Report {
  const { result } = facts;
  const infos = incarnationsOf(facts.observations);
  return reportSchema.parse({
    meshproofVersion: version,
    runId: facts.runId,
    verdict: result.verdict,
    summary: summarize(result, facts.schedule.length),
    seed: facts.seed,
    reproduce: facts.reproduce,
    startedAt: facts.startedAt.toISOString(),
    durationMs: Math.round(facts.durationMs),
    nodes: facts.nodes.map((name) => ({
      name,
      otpRelease: infos.get(name)?.otpRelease ?? null,
      otpVersion: infos.get(name)?.otpVersion ?? null,
      kernelVersion: infos.get(name)?.kernelVersion ?? null,
      ...(facts.hosts?.[name] ? { host: facts.hosts[name] } : {}),
    })),
    scenario: facts.scenario,
    schedule: facts.schedule,
    iterations: result.iterations.map((it) => ({ ...it, target: it.targets.join(", ") })),
    checks: result.checks,
    layers: layerSummaries(result.iterations, result.finalLayers),
    stats: result.stats,
    ...(facts.formation ? { formation: facts.formation } : {}),
  });
}

function summarize(result: ScenarioResult, planned: number): string {
  const ran = result.iterations.length;
  const failedIteration = result.iterations.find((it) => it.verdict !== "pass");
  if (failedIteration) {
    const check = failedIteration.checks.find((c) => c.verdict === failedIteration.verdict);
    const stopped = ran < planned ? `; stopped after ${ran} of ${planned} faults` : "";
    return `${failedIteration.fault} ${failedIteration.index} (${failedIteration.targets.join(", ")}): ${check?.name} ${failedIteration.verdict}: ${check?.detail}${stopped}`;
  }
  const failedCheck = result.checks.find((c) => c.verdict !== "pass");
  if (failedCheck) return `${failedCheck.name} ${failedCheck.verdict}: ${failedCheck.detail}`;
  const kinds = [...new Set(result.iterations.map((it) => it.fault))].join(", ");
  return `all ${ran} faults (${kinds}) were detected and healed`;
}
