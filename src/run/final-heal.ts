import { judgeHealthy } from "../checks/healthy.js";
import { worstVerdict, type CheckResult } from "../checks/verdict.js";
import { checkNoUnexpectedDisconnect } from "../checks/disconnects.js";
import type { Cluster } from "../cluster/cluster.js";
import { liftAllFaults } from "../faults/lift-all.js";
import type { History } from "../history/history.js";
import { explainDeadline, pollUntil } from "../poll.js";
import type { Scenario } from "../scenario/scenario.js";
import { timeOf } from "./phases/held.js";
import { observeRecorded, type EventCursor } from "./phases/iteration-context.js";

/**
 * The final heal (Jepsen's): lift whatever the run left in place, then the
 * cluster must be whole within the recovery window and stay whole, and no
 * node may have lost another since the last iteration but while the lift
 * itself restarted or reconnected something.
 */
export async function finalHeal(
  context: { cluster: Cluster; history: History; signal?: AbortSignal | undefined; events: EventCursor },
  scenario: Pick<Scenario, "recoveryWindow" | "deadlines">,
): Promise<CheckResult[]> {
  const { cluster, history, signal, events } = context;
  const liftedFromMs = performance.now();
  history.record({ process: "nemesis", type: "invoke", f: "final-heal" });
  await liftAllFaults(cluster);
  history.record({ process: "nemesis", type: "ok", f: "final-heal" });
  const nodes = cluster.nodeNames;
  const healed = await pollUntil(
    () => observeRecorded(context, nodes),
    (obs) => judgeHealthy(obs, nodes, cluster.options.pgGroups),
    { deadlineMs: scenario.recoveryWindow, stableForMs: scenario.deadlines.stable, signal },
  );
  const problems = explainDeadline(healed.checks, "not healthy", scenario.recoveryWindow).filter((c) => c.verdict !== "pass");
  if (problems.length) {
    return [{ name: "final heal", verdict: worstVerdict(problems.map((c) => c.verdict)), detail: problems.map((c) => `${c.name}: ${c.detail}`).join("; ") }];
  }
  const untilMs = performance.now();
  const observations = await observeRecorded(context, nodes, { eventsSinceMs: events.sinceMs });
  const held = checkNoUnexpectedDisconnect(observations, { fromMs: events.sinceMs, untilMs }, (d) => d.atMs >= liftedFromMs && d.atMs <= healed.atMs, timeOf);
  events.sinceMs = untilMs;
  return [
    { name: "final heal", verdict: "pass", detail: "after lifting every fault the cluster is whole and stayed whole: full mesh, pg converged" },
    { ...held, name: `final heal: ${held.name}` },
  ];
}
