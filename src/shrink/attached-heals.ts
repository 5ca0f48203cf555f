import { expectationsOf, judgeHealthy } from "../checks/healthy.js";
import { openCluster, type AttachOptions } from "../cluster/open/open-cluster.js";
import { HarnessError } from "../errors.js";
import { explainDeadline, pollUntil } from "../poll.js";
import type { Progress } from "../progress.js";
import type { Scenario } from "../scenario/scenario.js";

/**
 * An attached cluster is reused between candidates only if it heals after a
 * failing try (within the recovery window): a cluster left broken would make
 * every later candidate fail for the earlier one's sake.
 */
export async function requireAttachedHealed(attach: AttachOptions, scenario: Scenario, progress: Progress, signal?: AbortSignal): Promise<void> {
  const cluster = await openCluster({ attach, cluster: scenario.cluster, progress });
  try {
    await cluster.openProbes();
    const nodes = cluster.nodeNames;
    const healed = await pollUntil(
      () => cluster.probe(nodes, { syncGlobal: true, invariants: scenario.invariants.map((i) => i.expr) }),
      (obs) => judgeHealthy(obs, nodes, expectationsOf(cluster.options, scenario.invariants)),
      { deadlineMs: scenario.recoveryWindow, stableForMs: scenario.deadlines.stable, signal },
    );
    if (!healed.passed) {
      const why = explainDeadline(healed.checks, "not healed", scenario.recoveryWindow).filter((c) => c.verdict !== "pass").map((c) => c.detail);
      throw new HarnessError(`--attach ${attach.attach.raw}: the cluster did not heal after a failing try, so it cannot be shrunk there (each candidate needs a healed cluster): ${why.join("; ")}`);
    }
  } finally {
    await cluster.detach();
  }
}
