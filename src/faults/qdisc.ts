import type { Cluster } from "../cluster/cluster.js";
import { LABEL_RUN } from "../docker/labels.js";
import { runOnce } from "../docker/run-once.js";
import { UsageError } from "../errors.js";
import type { Nemesis } from "./fault-kind.js";
import { nothingDown } from "./fault-expectation.js";
import { fullMesh } from "../checks/mesh.js";
import type { FaultExpectation } from "./fault-expectation.js";
import type { FaultPlan } from "./fault-plan.js";
import { netAdminShell } from "./net-admin-shell.js";

const UNSHAPE = "tc qdisc del dev eth0 root 2>/dev/null || true";

/**
 * Shaping of a node's interface with a queueing discipline: `qdisc` is tc's
 * own words for it (netem delay 100ms, tbf rate 64kbit ...). Its evidence is
 * the qdisc in place on each target.
 */
export function qdiscNemesis(qdisc: (plan: FaultPlan) => string): Nemesis {
  const kind = (plan: FaultPlan) => qdisc(plan).split(" ")[0]!;
  return {
    async invoke(cluster, plan) {
      await Promise.all(plan.targets.map((node) => netAdminShell(cluster, node, `tc qdisc replace dev eth0 root ${qdisc(plan)}`)));
    },
    async recover(cluster, plan) {
      await Promise.all(plan.targets.map((node) => netAdminShell(cluster, node, UNSHAPE)));
    },
    async inPlace(cluster, plan) {
      const shown = await Promise.all(plan.targets.map(async (node) => [node, await netAdminShell(cluster, node, "tc qdisc show dev eth0")] as const));
      return shown.filter(([, qdiscs]) => !qdiscs.includes(kind(plan))).map(([node]) => `${node} has no ${kind(plan)} qdisc in place`);
    },
  };
}

/** The targets are shaped; nobody need lose anybody, though a slow or lossy link may drop. */
export function shapedExpectation(_plan: FaultPlan, nodes: readonly string[]): FaultExpectation {
  return { ...nothingDown(), observable: [...nodes], view: fullMesh(nodes), exactView: true, othersMayDisconnect: true, lostLinks: [] };
}

/** Removes any shaping from every node (the final heal). */
export async function unshapeAll(cluster: Cluster): Promise<void> {
  await Promise.all(cluster.nodeNames.map((node) => netAdminShell(cluster, node, UNSHAPE)));
}

/**
 * Refuses faults that need netem where the kernel has none (as on the machines
 * meshproof is developed on), before any cluster starts: better a clear
 * "cannot" than a fault that silently does nothing.
 */
export async function requireNetem(image: string): Promise<void> {
  const { exitCode, output } = await runOnce({
    image,
    cmd: ["sh", "-c", "tc qdisc add dev lo root netem delay 1ms && tc qdisc del dev lo root"],
    networkMode: "none",
    capAdd: ["NET_ADMIN"],
    labels: { [LABEL_RUN]: "netem-check" },
  });
  if (exitCode !== 0) {
    throw new UsageError(
      `delay faults need the kernel's netem queueing discipline (sch_netem), which this engine's kernel does not offer (tc said: ${output.trim()})`,
    );
  }
}
