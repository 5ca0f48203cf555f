import { z } from "zod";
import type { Cluster } from "../cluster/cluster.js";
import { positiveDurationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { parseReply } from "../probe/ops.js";
import { epmdPids, killEpmd, startEpmd } from "./epmd-daemon.js";
import { defineFault, type Lift } from "./fault-kind.js";
import { fixedTargets, planSchemaOf, type PlanBase } from "./fault-plan.js";
import { connectionsStayExpectation } from "./fault-expectation.js";
import { pickTargets, targetSchema } from "./targets.js";

/** Starts epmd where a node that was running has none (a node the heal starts starts its own). */
const startMissingEpmd: Lift = {
  stage: "inside",
  async lift(cluster, before) {
    await Promise.all(cluster.nodeNames.filter((node) => before[node]!.running).map((node) => startEpmd(cluster, node)));
  },
};

/**
 * Kills epmd in the targets' containers while their nodes run: established
 * connections stay, but nobody can look a target up, so new connections to
 * it fail. Recovery starts epmd again, which then knows no node: the target
 * must register with it again by itself (OTP's own client retries every 2 s
 * since OTP 24), or new connections to it fail for good. That is what
 * "fault undone" asks of epmd after the heal.
 */
export const epmd = defineFault({
  kind: "epmd",
  schema: strictObject({ kind: z.literal("epmd"), target: targetSchema.default("random"), duration: positiveDurationMs.optional() }),
  planSchema: planSchemaOf("epmd"),
  traits: { lasting: "duration", downing: false, color: "#e377c2" },
  rules: (_spec, cluster) =>
    cluster.probeMode === "oneshot"
      ? [{ field: "kind", message: "an epmd fault needs probe sessions (--probe-mode session): a one-shot probe finds its node through epmd, so it could not see the target while epmd is down" }]
      : [],
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.duration ?? 0 }),
  specOf: (plan) => ({ kind: plan.kind, ...fixedTargets(plan), duration: plan.durationMs }),
  nemesis: () => ({
    async invoke(cluster, plan) {
      await Promise.all(plan.targets.map((node) => killEpmd(cluster, node)));
    },
    async recover(cluster, plan) {
      await Promise.all(plan.targets.map((node) => startEpmd(cluster, node)));
    },
    async inPlace(cluster, plan) {
      return (await targetsEpmd(cluster, plan)).filter(([, pids]) => pids.length > 0).map(([node, pids]) => `epmd still runs in ${node}'s container (pid ${pids.join(", ")})`);
    },
    async evidence(cluster, plan) {
      const running = await targetsEpmd(cluster, plan);
      return running.map(([node, pids]) => (pids.length ? `epmd runs again in ${node}'s container (pid ${pids.join(", ")})` : `no epmd process in ${node}'s container`)).join("; ");
    },
    async undone(cluster, plan) {
      return (await Promise.all(plan.targets.map((node) => unknownToEpmd(cluster, node)))).flat();
    },
  }),
  expect: connectionsStayExpectation,
  lifts: [startMissingEpmd],
});

/** Each target with the pids of the epmd processes in its container. */
async function targetsEpmd(cluster: Cluster, plan: PlanBase) {
  return Promise.all(plan.targets.map(async (node) => [node, await epmdPids(cluster, node)] as const));
}

/** Why a fresh connection to the node would fail now: no epmd, or an epmd that does not know the node. Empty when neither. */
async function unknownToEpmd(cluster: Cluster, node: string): Promise<string[]> {
  if ((await epmdPids(cluster, node)).length === 0) return [`no epmd runs in ${node}'s container: new connections to ${node} fail`];
  const outcome = await cluster.ask(node, [{ op: "discover" }]);
  const answer = outcome.answers.find((a) => a.op === "discover");
  const discovered = answer?.ok ? parseReply("discover", answer.result) : undefined;
  if (!discovered?.success) return [`cannot ask epmd in ${node}'s container which nodes it knows (${outcome.reason ?? JSON.stringify(answer)})`];
  const name = node.split("@")[0]!;
  if (discovered.data.names.includes(name)) return [];
  return [`epmd in ${node}'s container does not know ${node} after it restarted: new connections to ${node} fail (the node never registered again)`];
}
