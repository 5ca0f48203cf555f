import { incarnationsOf } from "../checks/incarnations.js";
import type { RunOptions } from "../config/run-options.js";
import { reportSchema, type Report } from "../config/report-schema.js";
import type { NodeObservation } from "../probe/observe-node.js";
import type { KillRunResult } from "../run/kill-run.js";
import { version } from "../version.js";

export interface RunFacts {
  runId: string;
  seed: number;
  options: RunOptions;
  startedAt: Date;
  durationMs: number;
  /** The last observation of the cluster, for each node's OTP release. */
  nodes: { name: string; observation?: NodeObservation | undefined }[];
  result: KillRunResult;
}

/** The report of a run, validated against the published schema before anyone reads it. */
export function buildReport(facts: RunFacts): Report {
  const { options, result } = facts;
  const infos = incarnationsOf(facts.nodes.flatMap((n) => (n.observation ? [n.observation] : [])));
  return reportSchema.parse({
    meshproofVersion: version,
    runId: facts.runId,
    verdict: result.verdict,
    summary: summarize(result),
    seed: facts.seed,
    reproduce: reproduceCommand(facts.seed, options),
    startedAt: facts.startedAt.toISOString(),
    durationMs: Math.round(facts.durationMs),
    nodes: facts.nodes.map(({ name }) => ({
      name,
      otpRelease: infos.get(name)?.otpRelease ?? null,
      otpVersion: infos.get(name)?.otpVersion ?? null,
    })),
    settings: {
      kills: options.kills,
      downtimeMs: options.downtime,
      detectDeadlineMs: options.detectDeadline,
      healDeadlineMs: options.healDeadline,
      netTicktime: options.netTicktime,
      agentReconnect: options.agentReconnect,
      pgRejoin: options.pgRejoin,
      pgScope: options.pgScope,
      pgGroups: options.pgGroups,
    },
    schedule: result.schedule,
    iterations: result.iterations,
  });
}

function summarize(result: KillRunResult): string {
  const ran = result.iterations.length;
  const failed = result.iterations.find((i) => i.verdict !== "pass");
  if (!failed) return `all ${ran} kills were detected and healed`;
  const check = failed.checks.find((c) => c.verdict === failed.verdict);
  const stopped = ran < result.schedule.length ? `; stopped after ${ran} of ${result.schedule.length} kills` : "";
  return `kill ${failed.index} (${failed.target}): ${check?.name} ${failed.verdict}: ${check?.detail}${stopped}`;
}

function reproduceCommand(seed: number, options: RunOptions): string {
  const flags = [
    `--seed ${seed}`,
    `--nodes ${options.nodes}`,
    `--kills ${options.kills}`,
    `--otp ${options.otp}`,
    `--net-ticktime ${options.netTicktime}`,
    `--agent-reconnect ${options.agentReconnect}`,
    `--pg-rejoin ${options.pgRejoin}`,
    `--downtime ${options.downtime}ms`,
    `--detect-deadline ${options.detectDeadline}ms`,
    `--heal-deadline ${options.healDeadline}ms`,
  ];
  if (options.baseImage) flags.push(`--base-image ${options.baseImage}`);
  return `meshproof run ${flags.join(" ")}`;
}
