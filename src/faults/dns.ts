import { z } from "zod";
import type { Cluster } from "../cluster/cluster.js";
import { positiveDurationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { defineFault } from "./fault-kind.js";
import { fixedTargets, planSchemaOf, type PlanBase } from "./fault-plan.js";
import { connectionsStayExpectation } from "./fault-expectation.js";
import { flushIptables, iptablesNemesis } from "./iptables-chain.js";
import { lookUp, peerHost } from "./name-lookup.js";
import { pickTargets, targetSchema } from "./targets.js";

/**
 * Docker's embedded resolver, the nameserver of every container on a user
 * network or a swarm overlay. Its nat rules send port 53 to a port of their
 * own before the filter table sees the packet, so the rules match the
 * address alone: nothing else listens there.
 */
const RESOLVER = "127.0.0.11";
/** Long enough for a working resolver on a busy machine; a blocked one fails at once (the drop refuses the send). */
const LOOKUP_TIMEOUT_S = 3;

const blocked = iptablesNemesis((plan, node) => (plan.targets.includes(node) ? [`-d ${RESOLVER} -p udp -j DROP`, `-d ${RESOLVER} -p tcp -j DROP`] : []));

/**
 * The targets cannot resolve names: their resolver's queries are dropped in
 * their own network namespace (meshproof's iptables chain, lifted with its
 * flush). A node dials a peer by its host name, so new connections from a
 * target fail while it lasts; established ones stay. Its evidence: the rules,
 * and a lookup of a peer failing in the target's container; after the heal
 * the same lookup must succeed again.
 */
export const dns = defineFault({
  kind: "dns",
  schema: strictObject({ kind: z.literal("dns"), target: targetSchema.default("random"), duration: positiveDurationMs.optional() }),
  planSchema: planSchemaOf("dns"),
  traits: { lasting: "duration", downing: false, color: "#6b6ecf" },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.duration ?? 0 }),
  specOf: (plan) => ({ kind: plan.kind, ...fixedTargets(plan), duration: plan.durationMs }),
  nemesis: () => ({
    invoke: blocked.invoke,
    recover: blocked.recover!,
    async inPlace(cluster, plan) {
      const resolving = (await peerLookups(cluster, plan)).filter((l) => l.resolved).map((l) => `${l.node} still resolves ${l.host} (${l.said})`);
      return [...(await blocked.inPlace!(cluster, plan)), ...resolving];
    },
    async evidence(cluster, plan) {
      const looked = (await peerLookups(cluster, plan)).map((l) => `getent hosts ${l.host} in ${l.node}'s container ${l.resolved ? `resolved (${l.said})` : `failed (${l.said})`}`);
      return `${RESOLVER} dropped (udp and tcp); ${looked.join("; ")}`;
    },
    async undone(cluster, plan) {
      return (await peerLookups(cluster, plan)).filter((l) => !l.resolved).map((l) => `${l.node} still cannot resolve ${l.host} (${l.said}): its new connections fail`);
    },
  }),
  expect: connectionsStayExpectation,
  lifts: [flushIptables],
});

/** Each target looks up a peer's host in its own container. */
async function peerLookups(cluster: Cluster, plan: PlanBase) {
  return Promise.all(
    plan.targets.map(async (node) => {
      const host = peerHost(node, cluster.nodeNames);
      return { node, host, ...(await lookUp(cluster, node, host, LOOKUP_TIMEOUT_S)) };
    }),
  );
}
