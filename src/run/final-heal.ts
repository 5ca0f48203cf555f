import { judgeHealthy, type Health } from "../checks/healthy.js";
import type { Layer, LayerVerdict } from "../checks/layer.js";
import { worstVerdict, type CheckResult } from "../checks/verdict.js";
import { checkNoUnexpectedDisconnect } from "../checks/disconnects.js";
import { checkViewsAgree } from "../checks/view-agreement.js";
import { liftAllFaults } from "../faults/lift-all.js";
import { explainDeadline, pollUntil } from "../poll.js";
import type { Scenario } from "../scenario/scenario.js";
import { timeOfDay } from "../clock.js";
import { expectations, observeRecorded, type EventCursor, type IterationContext } from "./phases/iteration-context.js";

/**
 * The final heal (Jepsen's): lift whatever the run left in place, then the
 * cluster must be whole within the recovery window, every layer converged,
 * and stay so, and no node may have lost another (nor connected nodes'
 * views disagreed) since the last iteration but while the lift itself
 * restarted or reconnected something. Also says
 * what each layer came to.
 */
export async function finalHeal(
  context: Pick<IterationContext, "cluster" | "history" | "signal" | "invariants"> & { events: EventCursor },
  scenario: Pick<Scenario, "recoveryWindow" | "deadlines">,
): Promise<{ checks: CheckResult[]; layers: Partial<Record<Layer, LayerVerdict>> }> {
  const { cluster, history, signal, events } = context;
  const liftedFromMs = performance.now();
  history.record({ process: "nemesis", type: "invoke", f: "final-heal" });
  await liftAllFaults(cluster);
  history.record({ process: "nemesis", type: "ok", f: "final-heal" });
  const nodes = cluster.nodeNames;
  const healed = await pollUntil(
    () => observeRecorded(context, nodes, { eventsSinceMs: events.sinceMs, syncGlobal: true }),
    (obs) => judgeHealthy(obs, nodes, expectations(context)),
    { deadlineMs: scenario.recoveryWindow, stableForMs: scenario.deadlines.stable, signal },
  );
  const layers = verdictsOf(healed.checks);
  const problems = explainDeadline(healed.checks, "not healthy", scenario.recoveryWindow).filter((c) => c.verdict !== "pass");
  if (problems.length) {
    const detail = problems.map((c) => `${c.name}: ${c.detail}`).join("; ");
    // a stuck global's findings stay data in the one check that sums the layers up
    const globalStuck = problems.find((c) => c.globalStuck)?.globalStuck;
    return { checks: [{ name: "final heal", verdict: worstVerdict(problems.map((c) => c.verdict)), detail, ...(globalStuck ? { globalStuck } : {}) }], layers };
  }
  const untilMs = performance.now();
  const observations = await observeRecorded(context, nodes, { eventsSinceMs: events.sinceMs, views: true });
  const window = { fromMs: events.sinceMs, untilMs };
  // the lift may have restarted or reconnected anything, until the heal
  const lift = { fromMs: liftedFromMs, untilMs: healed.atMs, separates: () => true, restarts: () => true };
  const held = checkNoUnexpectedDisconnect(observations, window, (d) => d.atMs >= liftedFromMs && d.atMs <= healed.atMs, timeOfDay, lift);
  const agreed = checkViewsAgree(observations, window, lift, timeOfDay);
  events.sinceMs = untilMs;
  const converged = Object.keys(layers).join(", ");
  return {
    checks: [
      { name: "final heal", verdict: "pass", detail: `after lifting every fault the cluster is whole and stayed whole: ${converged} converged` },
      { ...held, name: `final heal: ${held.name}` },
      { ...agreed, name: `final heal: ${agreed.name}` },
    ],
    layers,
  };
}

function verdictsOf(health: Health): Partial<Record<Layer, LayerVerdict>> {
  return Object.fromEntries(Object.entries(health).map(([layer, check]) => [layer, check!.verdict]));
}
