import { join } from "node:path";
import { startTimeline } from "../clock.js";
import { nodeNames } from "../cluster/cluster-node.js";
import type { Cluster } from "../cluster/cluster.js";
import { openCluster, type AttachOptions, type OpenCluster } from "../cluster/open/open-cluster.js";
import { releasesOf } from "../config/otp.js";
import { ClusterNotReady, UsageError } from "../errors.js";
import type { Report } from "../report/report-schema.js";
import type { Scenario } from "../scenario/scenario.js";
import { scenarioProblems } from "../scenario/rules.js";
import { ensureNodeImage } from "../image/node-image.js";
import { traitsOf, type FaultPlan } from "../faults/index.js";
import { asStep, type Progress } from "../progress.js";
import { buildReport } from "../report/build-report.js";
import type { IterationResult } from "../report/run-result.js";
import { History } from "../history/history.js";
import { requireEngineFacts } from "./engine-facts.js";
import { reportNotFormed } from "./not-formed.js";
import { planFaults } from "./plan-schedule.js";
import { writeReports } from "./write-reports.js";
import { runScenario } from "./run-scenario.js";

export interface RunRequest {
  scenario: Scenario;
  seed: number;
  /** A schedule to run as is (replay); otherwise it is planned from the seed. */
  schedule?: readonly FaultPlan[];
  reproduce: string;
  /** Where report.json, junit.xml and history.ndjson go; default runs/<run id>. */
  reportDir?: string | undefined;
  keep: boolean;
  /** Run against a cluster meshproof did not start (its scenario's cluster part then only gives pg and probe settings). */
  attach?: AttachOptions | undefined;
}

export interface RunHooks {
  progress: Progress;
  signal?: AbortSignal | undefined;
  onIteration?: (result: IterationResult, planned: number) => void;
  /** Messages for a person (the run id, where files went). */
  say?: (line: string) => void;
}

/**
 * A whole run: plan and check what the plan needs (before anything starts, so
 * a bad plan or a kernel without netem starts nothing), start the cluster (or
 * attach to one), run the schedule while writing the history, write
 * report.json, junit.xml and report.html, and remove the cluster unless asked
 * to keep it (an attached one is never removed: what meshproof put into it is).
 * The cluster comes through `open` (tests give a fake's).
 */
export async function executeRun(request: RunRequest, hooks: RunHooks, open: OpenCluster = openCluster): Promise<{ report: Report; dir: string }> {
  const { scenario } = request;
  // this run's events are read on a timeline anchored now, as in a process of its own
  startTimeline();
  const startedAt = new Date();
  const started = performance.now();
  if (request.attach) return runAttached(request, request.attach, hooks, open, { startedAt, started });

  const schedule = request.schedule ?? planFaults(scenario, nodeNames(scenario.cluster.nodes), request.seed);
  await requireWhatTheFaultsNeed(scenario, hooks);
  let runId: string | undefined;
  let cluster: Cluster;
  try {
    cluster = await open({
      start: scenario.cluster,
      context: { progress: hooks.progress, signal: hooks.signal, stableForMs: scenario.deadlines.stable, onRunId: (id) => (runId = id) },
    });
  } catch (error) {
    if (!(error instanceof ClusterNotReady) || runId === undefined) throw error;
    const nodes = nodeNames(scenario.cluster.nodes);
    return reportNotFormed(error, { runId, seed: request.seed, scenario, schedule, reproduce: request.reproduce, startedAt, started, nodes }, request.reportDir);
  }
  try {
    return await runOn(cluster, schedule, request, hooks, { startedAt, started });
  } finally {
    if (request.keep) await keep(cluster, hooks);
    else await asStep(hooks.progress, `Removing run ${cluster.runId}`, () => cluster.down());
  }
}

/**
 * Attached: the nodes are found first, since the plan draws its targets from
 * them; the cluster is left running, and what meshproof put into it is taken
 * back however the run ends (a bad plan, an error, Ctrl-C).
 */
async function runAttached(request: RunRequest, attach: AttachOptions, hooks: RunHooks, open: OpenCluster, time: { startedAt: Date; started: number }) {
  if (request.scenario.cluster.engine !== "docker") throw new UsageError("--attach runs against running containers: it takes no --engine");
  // faults that need meshproof to have made the containers are refused before anything goes into them
  const problems = scenarioProblems(request.scenario, { attached: true });
  if (problems.length) throw new UsageError(problems.map((p) => `${p.path.join(".")}: ${p.message}`).join("\n"));
  await requireWhatTheFaultsNeed(request.scenario, hooks);
  const crashes = request.scenario.faults.some((fault) => traitsOf(fault.kind).engineRestarts);
  const cluster = await open({ attach: { ...attach, crashes }, cluster: request.scenario.cluster, progress: hooks.progress });
  try {
    const schedule = request.schedule ?? planFaults(request.scenario, cluster.nodeNames, request.seed);
    return await runOn(cluster, schedule, request, hooks, time);
  } finally {
    await asStep(hooks.progress, "Taking the probe, cookie and event recorders back out of the containers", () => cluster.detach());
  }
}

async function requireWhatTheFaultsNeed(scenario: Scenario, hooks: RunHooks): Promise<void> {
  const { otp, baseImage, mirror } = scenario.cluster;
  await requireEngineFacts(scenario.faults, () => ensureNodeImage({ otp: releasesOf(otp)[0]!, baseImage, mirror, progress: hooks.progress, signal: hooks.signal }));
}

async function runOn(
  cluster: Cluster,
  schedule: readonly FaultPlan[],
  request: RunRequest,
  hooks: RunHooks,
  { startedAt, started }: { startedAt: Date; started: number },
): Promise<{ report: Report; dir: string }> {
  const { scenario } = request;
  const dir = request.reportDir ?? join("runs", cluster.runId);
  const history = new History(join(dir, "history.ndjson"));
  try {
    // where each node was placed (swarm), for the report: a multi-host run says which host each fault hit
    const hosts = await cluster.hosts();
    if (Object.keys(hosts).length) hooks.say?.(hostsLine(hosts));
    history.record({ process: "harness", type: "info", f: "run", value: { runId: cluster.runId, seed: request.seed, nodes: [...cluster.nodeNames], scenario } });
    const result = await runScenario(cluster, scenario, schedule, {
      history,
      signal: hooks.signal,
      onIteration: (it) => hooks.onIteration?.(it, schedule.length),
    });
    const report = buildReport({
      runId: cluster.runId,
      seed: request.seed,
      scenario,
      schedule,
      reproduce: request.reproduce,
      startedAt,
      durationMs: performance.now() - started,
      observations: await cluster.probe(),
      nodes: cluster.nodeNames,
      hosts,
      result,
    });
    await writeReports(dir, report, history);
    return { report, dir };
  } finally {
    history.close();
  }
}

/** "nodes on 3 hosts: host-1 (app@n1), host-2 (app@n2, app@n3), ..." */
function hostsLine(hosts: Record<string, string>): string {
  const byHost = new Map<string, string[]>();
  for (const [node, host] of Object.entries(hosts)) byHost.set(host || "(not placed)", [...(byHost.get(host || "(not placed)") ?? []), node]);
  return `nodes on ${byHost.size} host${byHost.size === 1 ? "" : "s"}: ${[...byHost].map(([host, nodes]) => `${host} (${nodes.join(", ")})`).join(", ")}`;
}

/** Leaves the cluster running but lets go of it (open probe sessions would keep this process alive), and says what to do with it. */
async function keep(cluster: Cluster, hooks: RunHooks): Promise<void> {
  await cluster.detach();
  hooks.say?.(`kept run ${cluster.runId}: check it with \`meshproof check --run ${cluster.runId}\`, remove it with \`meshproof down --run ${cluster.runId}\``);
}
