import { z } from "zod";
import { strictObject } from "../config/strict-object.js";
import type { Cluster } from "../cluster/cluster.js";
import { defineFault, type Nemesis, type SpecProblem } from "./fault-kind.js";
import { nothingDown, targetsLost } from "./fault-expectation.js";
import { startStopped } from "./downed.js";
import { fixedTargets, planSchemaOf } from "./fault-plan.js";
import { pickTargets, targetSchema } from "./targets.js";

/**
 * The target's container removed and a new one started in its place, as a
 * scheduler reschedules a pod: the same node name, hostname and alias, but a
 * new container, a new address and a new incarnation. Its peers lose the old
 * one at once (it is killed); the new one must be let back in, and no layer
 * may keep anything of the old one.
 */
export const replace = defineFault({
  kind: "replace",
  schema: strictObject({ kind: z.literal("replace"), target: targetSchema.default("random") }),
  planSchema: planSchemaOf("replace"),
  traits: { lasting: "none", downing: true, color: "#7b4173" },
  rules: (_spec, cluster) => {
    const problems: SpecProblem[] = [];
    if (cluster.engine === "swarm") problems.push({ field: "kind", message: "replace makes a node's new container as meshproof made the first; swarm makes its tasks' containers itself: use --engine docker" });
    if (cluster.attached) problems.push({ field: "kind", message: "replace makes a node's new container as meshproof made the first; an attached cluster's containers are someone else's to make" });
    return problems;
  },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: 0 }),
  specOf: (plan) => ({ kind: plan.kind, ...fixedTargets(plan) }),
  nemesis: () => replaceNemesis(),
  // the new container starts at once: nothing stable to observe in between
  expect: (plan, nodes) => ({ ...nothingDown(), ...targetsLost(plan.targets, nodes), reincarnated: plan.targets, view: null, exactView: true, othersMayDisconnect: false }),
  lifts: [startStopped],
});

interface Placed {
  container: string;
  address: string;
}

/** Where each node runs now: its container and its address on the cluster's network. */
async function placesOf(cluster: Cluster, nodes: readonly string[]): Promise<Map<string, Placed>> {
  const [states, addresses] = await Promise.all([cluster.containerStates(nodes), cluster.addresses()]);
  return new Map(nodes.map((node) => [node, { container: states[node]!.id, address: addresses[node] ?? "" }]));
}

const short = (id: string) => id.slice(0, 12);

/** Its evidence: each target runs in another container than before, at another address. */
function replaceNemesis(): Nemesis {
  let before = new Map<string, Placed>();
  return {
    async invoke(cluster, plan) {
      before = await placesOf(cluster, plan.targets);
      await Promise.all(plan.targets.map((node) => cluster.replace(node)));
    },
    async inPlace(cluster, plan) {
      const now = await placesOf(cluster, plan.targets);
      return plan.targets.flatMap((node) => {
        const [was, is] = [before.get(node)!, now.get(node)!];
        if (is.container === was.container) return [`${node} still runs in its old container ${short(was.container)}`];
        if (!is.address) return [`${node}'s new container ${short(is.container)} has no address yet`];
        return is.address === was.address ? [`${node} came back at its old address ${was.address}`] : [];
      });
    },
    async evidence(cluster, plan) {
      const now = await placesOf(cluster, plan.targets);
      const moved = (node: string) => {
        const [was, is] = [before.get(node)!, now.get(node)!];
        return `${node} moved from ${was.address} (container ${short(was.container)}) to ${is.address} (container ${short(is.container)})`;
      };
      return plan.targets.map(moved).join(", ");
    },
  };
}
