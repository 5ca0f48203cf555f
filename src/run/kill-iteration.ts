import { setTimeout as sleep } from "node:timers/promises";
import { incarnationsOf } from "../checks/incarnations.js";
import { checkKillApplied } from "../checks/kill-applied.js";
import { judgeHealthy } from "../checks/healthy.js";
import { checkNoCascade } from "../checks/no-cascade.js";
import { checkReachability } from "../checks/reachability.js";
import { runCheck, worstVerdict, type CheckResult, type Verdict } from "../checks/verdict.js";
import type { StartedCluster } from "../cluster/started-cluster.js";
import { explainDeadline, pollUntil } from "../poll.js";
import type { PlannedKill } from "../schedule/kill-schedule.js";

export interface IterationTiming {
  downtimeMs: number;
  detectDeadlineMs: number;
  healDeadlineMs: number;
}

export interface IterationResult extends PlannedKill {
  /** Kill to the observation that every survivor dropped the target; null if never seen. */
  detectMs: number | null;
  /** Restart to the observation of the full mesh with pg converged; null if it never healed. */
  healMs: number | null;
  verdict: Verdict;
  checks: CheckResult[];
}

/**
 * One kill: healthy before -> kill -> verify applied and no cascade ->
 * restart after the downtime -> wait for the cluster to heal by itself (no
 * ping from the harness until the mesh was judged) -> ping matrix.
 */
export async function runKillIteration(
  cluster: StartedCluster,
  planned: PlannedKill,
  timing: IterationTiming,
  signal?: AbortSignal,
): Promise<IterationResult> {
  const all = cluster.nodeNames;
  const groups = cluster.options.pgGroups;
  const { target } = planned;
  const survivors = all.filter((node) => node !== target);
  const checks: CheckResult[] = [];
  const done = (detectMs: number | null, healMs: number | null): IterationResult => ({
    ...planned,
    detectMs: detectMs === null ? null : Math.round(detectMs),
    healMs: healMs === null ? null : Math.round(healMs),
    verdict: worstVerdict(checks.map((c) => c.verdict)),
    checks,
  });

  const before = await cluster.waitUntilHealthy({ deadlineMs: timing.healDeadlineMs, signal });
  const beforeChecks = explainDeadline(before.checks, "not healthy", timing.healDeadlineMs);
  checks.push(...beforeChecks.map((c) => ({ ...c, name: `healthy before fault: ${c.name}` })));
  if (!before.passed) return done(null, null);
  const incarnations = incarnationsOf(before.value);

  const killedAt = performance.now();
  await cluster.kill(target);
  const running = await cluster.isRunning(target);
  const detected = await pollUntil(
    () => cluster.observe(survivors),
    (obs) => [runCheck("fault applied", () => checkKillApplied(obs, target, survivors, running))],
    { deadlineMs: timing.detectDeadlineMs, signal },
  );
  checks.push(...explainDeadline(detected.checks, "not observed", timing.detectDeadlineMs), runCheck("no cascade", () => checkNoCascade(detected.value, incarnations, survivors)));
  const detectMs = detected.passed ? detected.atMs - killedAt : null;

  await sleep(timing.downtimeMs, undefined, { signal });
  const restartedAt = performance.now();
  await cluster.start(target);
  const healed = await pollUntil(
    () => cluster.observe(),
    (obs) => judgeHealthy(obs, all, groups, { mesh: "mesh healed", pg: "pg converged" }),
    { deadlineMs: timing.healDeadlineMs, signal },
  );
  checks.push(...explainDeadline(healed.checks, "not healed by itself", timing.healDeadlineMs));
  if (healed.checks.find((c) => c.name === "mesh healed")?.verdict === "pass") {
    const pings = await cluster.pingMatrix();
    checks.push(runCheck("reachability", () => checkReachability(pings)));
  } else {
    checks.push({ name: "reachability", verdict: "unknown", detail: "not run: the mesh did not heal, and pings would repair the mesh under test" });
  }
  return done(detectMs, healed.passed ? healed.atMs - restartedAt : null);
}
