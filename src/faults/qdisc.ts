import type { Lift, Nemesis } from "./fault-kind.js";
import { nothingDown } from "./fault-expectation.js";
import { fullMesh } from "../checks/mesh.js";
import type { FaultExpectation } from "./fault-expectation.js";
import type { PlanBase } from "./fault-plan.js";
import { netAdminShell } from "./net-admin-shell.js";

const UNSHAPE = "tc qdisc del dev eth0 root 2>/dev/null || true";

/**
 * Shaping of a node's interface with a queueing discipline: `qdisc` is tc's
 * own words for it (netem delay 100ms, tbf rate 64kbit ...). Its evidence is
 * the qdisc in place on each target.
 */
export function qdiscNemesis<P extends PlanBase>(qdisc: (plan: P) => string): Nemesis<P> {
  const kind = (plan: P) => qdisc(plan).split(" ")[0]!;
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
export function shapedExpectation(_plan: PlanBase, nodes: readonly string[]): FaultExpectation {
  return { ...nothingDown(), observable: [...nodes], view: fullMesh(nodes), exactView: true, othersMayDisconnect: true, lostLinks: [] };
}

/** Removes any shaping from every node. */
export const unshapeAll: Lift = {
  stage: "inside",
  async lift(cluster) {
    await Promise.all(cluster.nodeNames.map((node) => netAdminShell(cluster, node, UNSHAPE)));
  },
};
