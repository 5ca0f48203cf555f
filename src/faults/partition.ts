import { z } from "zod";
import { positiveDurationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { MIN_NODES, PARTITION_SHAPES, partitionView } from "../schedule/partition-shapes.js";
import { defineFault, type Lift, type Nemesis, type SpecProblem } from "./fault-kind.js";
import { degradedExpectation, nothingDown } from "./fault-expectation.js";
import { planSchemaOf } from "./fault-plan.js";
import { flushIptables, iptablesNemesis } from "./iptables-chain.js";
import { noticeWindowMs } from "./tick-notice.js";

const partitionPlanSchema = planSchemaOf("partition", {
  shape: z.enum(PARTITION_SHAPES),
  /** How the cut is made (iptables drops, a TCP reset, or taking the node off the network). */
  method: z.enum(["iptables", "disconnect", "reset"]),
  /** Lifted before the tick could reveal it, so nobody need notice it; only every layer's heal is judged. */
  blip: z.boolean().optional(),
  /** By reset: how soon each cut link must show as a nodedown (the next packet on it meets the reset). */
  noticeWithinMs: z.number().int().positive().optional(),
  /** Which traffic of the targets is cut (one-way cuts: inbound or outbound); reports of before it was planned have none: both. */
  direction: z.enum(["inbound", "outbound", "both"]).optional(),
  /** The peers each node can still reach (a hand-made plan may leave it out: then nobody is cut). */
  view: z.record(z.string(), z.array(z.string())).optional(),
});
type PartitionPlan = z.output<typeof partitionPlanSchema>;

/**
 * iptables: in each node's network namespace, cut traffic from and to the
 * nodes it must not reach. Dropped, connections go silent and the nodes
 * notice only through the tick, as in a real netsplit; reset, the next packet
 * on a connection meets a TCP RST and both ends see it at once. A one-way cut
 * lives on the cut side (the targets) only: inbound drops what reaches them,
 * outbound what they send.
 */
function cutRules(plan: PartitionPlan, node: string, addresses: Readonly<Record<string, string>>): string[] {
  const reachable = plan.view?.[node];
  const direction = plan.direction ?? "both";
  if (!reachable || (direction !== "both" && !plan.targets.includes(node))) return [];
  const blocked = Object.keys(addresses).filter((peer) => peer !== node && !reachable.includes(peer));
  // resets must pass the rules themselves: else each node's own rules would drop the resets they make
  const cut = plan.method === "reset" ? ["-p tcp --tcp-flags RST RST -j ACCEPT", "-p tcp -j REJECT --reject-with tcp-reset", "-j DROP"] : ["-j DROP"];
  return blocked.flatMap((peer) => [
    ...(direction === "outbound" ? [] : cut.map((how) => `-s ${addresses[peer]} ${how}`)),
    ...(direction === "inbound" ? [] : cut.map((how) => `-d ${addresses[peer]} ${how}`)),
  ]);
}

/** disconnect: takes the isolated node's container off the network; recovery connects it again under its name. */
const disconnectNemesis: Nemesis<PartitionPlan> = {
  async invoke(cluster, plan) {
    await Promise.all(plan.targets.map((node) => cluster.disconnect(node)));
  },
  async recover(cluster, plan) {
    await Promise.all(plan.targets.map((node) => cluster.connect(node)));
  },
};

/** Puts every node back on the cluster's network (unless swarm: its tasks stay on their overlay). */
const reconnectAll: Lift = {
  stage: "reconnect",
  async lift(cluster) {
    if (cluster.restarter === "swarm") return;
    await Promise.all(cluster.nodeNames.map((node) => cluster.connect(node)));
  },
};

/** The next packet on an idle connection is at the latest its next tick, a quarter of net_ticktime away; a second more for the event to be logged. */
const RESET_NOTICE_SLACK_MS = 1_000;

/** A partition of any shape (after Jepsen's): who reaches whom is the plan's view. */
export const partition = defineFault({
  kind: "partition",
  schema: strictObject({
    kind: z.literal("partition"),
    shape: z.enum([...PARTITION_SHAPES, "random"]).default("random"),
    /** iptables drops, a TCP reset (iptables REJECT), or (isolate only) a network disconnect. */
    method: z.enum(["iptables", "reset", "disconnect"]).default("iptables"),
    /** Which traffic of the cut side (the targets) is cut: both ways, or one way only. */
    direction: z.enum(["both", "inbound", "outbound"]).default("both"),
    /** Shorter than the tick can notice: a blip, judged only by the heal after it. */
    duration: positiveDurationMs.optional(),
  }),
  planSchema: partitionPlanSchema,
  traits: { lasting: "duration", downing: false, namesEveryNode: true, flagFields: ["shape", "direction", "method"], color: "#1f77b4" },
  rules(spec, cluster) {
    const problems: SpecProblem[] = [];
    if (spec.shape !== "random" && cluster.nodes < MIN_NODES[spec.shape]) problems.push({ field: "shape", message: `a ${spec.shape} partition needs at least ${MIN_NODES[spec.shape]} nodes` });
    if (spec.method === "disconnect" && spec.shape !== "isolate") problems.push({ field: "method", message: 'method "disconnect" works only with shape "isolate"' });
    if (spec.method === "disconnect" && spec.direction !== "both") problems.push({ field: "direction", message: 'method "disconnect" cuts both ways; a one-way cut needs method "iptables" or "reset"' });
    if (spec.method === "disconnect" && cluster.engine === "swarm") {
      problems.push({ field: "method", message: 'method "disconnect" cannot take a swarm task off its overlay network; use "iptables" on --engine swarm' });
    }
    if (spec.method === "disconnect" && cluster.attached) {
      problems.push({ field: "method", message: '--attach: a partition by network "disconnect" would reconnect containers meshproof does not own; use "iptables"' });
    }
    return problems;
  },
  plan(spec, nodes, rng, cluster) {
    const shape = spec.shape === "random" ? rng.pick(PARTITION_SHAPES.filter((s) => nodes.length >= MIN_NODES[s])) : spec.shape;
    const view = partitionView(shape, nodes, rng);
    // the most cut-off nodes: the isolated one, the smaller side, everyone in a ring
    const fewest = Math.min(...nodes.map((node) => view[node]!.length));
    const targets = nodes.filter((node) => view[node]!.length === fewest);
    const durationMs = spec.duration ?? 0;
    const blip = durationMs > 0 && durationMs < noticeWindowMs(cluster.netTicktime);
    const noticeWithinMs = spec.method === "reset" ? (cluster.netTicktime * 1000) / 4 + RESET_NOTICE_SLACK_MS : undefined;
    return { kind: spec.kind, targets, durationMs, shape, method: spec.method, direction: spec.direction, view, ...(blip ? { blip } : {}), ...(noticeWithinMs ? { noticeWithinMs } : {}) };
  },
  // no targets: the view is drawn from the seed, so it plans this view again only on the same seed and nodes
  specOf: (plan) => ({ kind: plan.kind, duration: plan.durationMs, shape: plan.shape, method: plan.method, ...(plan.direction ? { direction: plan.direction } : {}) }),
  nemesis: () => {
    const iptables = iptablesNemesis(cutRules);
    return {
      invoke: (cluster, plan) => (plan.method === "disconnect" ? disconnectNemesis : iptables).invoke(cluster, plan),
      recover: (cluster, plan) => (plan.method === "disconnect" ? disconnectNemesis : iptables).recover!(cluster, plan),
      inPlace: async (cluster, plan) => (plan.method === "disconnect" ? [] : iptables.inPlace!(cluster, plan)),
    };
  },
  expect(plan, nodes) {
    // a node taken off the network cannot even reach its own name: only the others can be asked
    const observable = plan.method === "disconnect" ? nodes.filter((node) => !plan.targets.includes(node)) : [...nodes];
    // a blip that drops is over before any tick could miss it; one that resets may still cut a connection, which is the fault's
    if (plan.blip) return { ...degradedExpectation(plan, nodes), observable };
    const view = new Map(Object.entries(plan.view ?? {}).filter(([node]) => observable.includes(node)));
    const lostLinks = [...view].flatMap(([observer, peers]) =>
      nodes.filter((lost) => lost !== observer && !peers.includes(lost)).map((lost) => ({ observer, lost })),
    );
    const oneWay = plan.direction === "inbound" || plan.direction === "outbound" ? { cutSide: plan.targets } : {};
    const reset = plan.noticeWithinMs ? { nodedownWithinMs: plan.noticeWithinMs } : {};
    return { ...nothingDown(), observable, view, exactView: false, othersMayDisconnect: true, lostLinks, ...oneWay, ...reset };
  },
  lifts: [reconnectAll, flushIptables],
  variant: (plan) => plan.shape,
  // a blip stays as short as it was: longer, the tick could reveal it
  shortestMs: (plan) => (plan.blip ? plan.durationMs : undefined),
});
