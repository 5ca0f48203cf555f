import { z } from "zod";
import { durationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { MIN_NODES, PARTITION_SHAPES, partitionView } from "../schedule/partition-shapes.js";
import { defineFault, type Nemesis, type SpecProblem } from "./fault-kind.js";
import { nothingDown } from "./fault-expectation.js";
import { addIptablesRules, healIptables } from "./iptables-chain.js";
import { tooShortToNotice } from "./tick-notice.js";

/**
 * iptables: in each node's network namespace, DROP traffic from and to the
 * nodes it must not reach. Connections go silent (no reset), so the nodes
 * notice only through the tick, as in a real netsplit.
 */
const iptablesNemesis: Nemesis = {
  async invoke(cluster, plan) {
    const addresses = await cluster.addresses();
    await Promise.all(
      Object.entries(plan.view ?? {}).map(async ([node, reachable]) => {
        const blocked = cluster.nodeNames.filter((peer) => peer !== node && !reachable.includes(peer)).map((peer) => addresses[peer]!);
        if (blocked.length) await addIptablesRules(cluster, node, blocked.flatMap((ip) => [`-s ${ip} -j DROP`, `-d ${ip} -j DROP`]));
      }),
    );
  },
  recover: (cluster) => healIptables(cluster),
};

/** disconnect: takes the isolated node's container off the network; recovery connects it again under its name. */
const disconnectNemesis: Nemesis = {
  async invoke(cluster, plan) {
    await Promise.all(plan.targets.map((node) => cluster.disconnect(node)));
  },
  async recover(cluster, plan) {
    await Promise.all(plan.targets.map((node) => cluster.connect(node)));
  },
};

/** A partition of any shape (after Jepsen's): who reaches whom is the plan's view. */
export const partition = defineFault({
  kind: "partition",
  schema: strictObject({
    kind: z.literal("partition"),
    shape: z.enum([...PARTITION_SHAPES, "random"]).default("random"),
    /** iptables rules in the nodes' network namespaces, or (isolate only) a network disconnect. */
    method: z.enum(["iptables", "disconnect"]).default("iptables"),
    duration: durationMs.optional(),
  }),
  traits: { lasting: "duration", downing: false, flagField: "shape", color: "#1f77b4" },
  rules(spec, cluster) {
    const problems: SpecProblem[] = [...tooShortToNotice("a partition", spec.duration, cluster)];
    if (spec.shape !== "random" && cluster.nodes < MIN_NODES[spec.shape]) problems.push({ field: "shape", message: `a ${spec.shape} partition needs at least ${MIN_NODES[spec.shape]} nodes` });
    if (spec.method === "disconnect" && spec.shape !== "isolate") problems.push({ field: "method", message: 'method "disconnect" works only with shape "isolate"' });
    if (spec.method === "disconnect" && cluster.engine === "swarm") {
      problems.push({ field: "method", message: 'method "disconnect" cannot take a swarm task off its overlay network; use "iptables" on --engine swarm' });
    }
    return problems;
  },
  plan(spec, nodes, rng) {
    const shape = spec.shape === "random" ? rng.pick(PARTITION_SHAPES.filter((s) => nodes.length >= MIN_NODES[s])) : spec.shape;
    const view = partitionView(shape, nodes, rng);
    // the most cut-off nodes: the isolated one, the smaller side, everyone in a ring
    const fewest = Math.min(...nodes.map((node) => view[node]!.length));
    const targets = nodes.filter((node) => view[node]!.length === fewest);
    return { kind: spec.kind, targets, durationMs: spec.duration ?? 0, shape, method: spec.method, view };
  },
  nemesis: () => ({
    invoke: (cluster, plan) => (plan.method === "disconnect" ? disconnectNemesis : iptablesNemesis).invoke(cluster, plan),
    recover: (cluster, plan) => (plan.method === "disconnect" ? disconnectNemesis : iptablesNemesis).recover!(cluster, plan),
  }),
  expect(plan, nodes) {
    // a node taken off the network cannot even reach its own name: only the others can be asked
    const observable = plan.method === "disconnect" ? nodes.filter((node) => !plan.targets.includes(node)) : [...nodes];
    const view = new Map(Object.entries(plan.view ?? {}).filter(([node]) => observable.includes(node)));
    const lostLinks = [...view].flatMap(([observer, peers]) =>
      nodes.filter((lost) => lost !== observer && !peers.includes(lost)).map((lost) => ({ observer, lost })),
    );
    return { ...nothingDown(), observable, view, exactView: false, othersMayDisconnect: true, lostLinks };
  },
});
