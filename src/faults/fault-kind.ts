import type { z } from "zod";
import type { Cluster } from "../cluster/cluster.js";
import type { Rng } from "../schedule/rng.js";
import type { FaultExpectation } from "./fault-expectation.js";
import type { FaultPlan, PlannedFault } from "./fault-plan.js";

/**
 * How a fault is done to a cluster and undone (Jepsen's nemesis): invoke
 * applies the plan, recover lifts it. Whether it took effect is not theirs
 * to say; the checks observe that.
 */
export interface Nemesis {
  invoke(cluster: Cluster, plan: FaultPlan): Promise<void>;
  /** Lifts the fault; undefined when the system recovers by itself (a crash: the engine restarts it). */
  recover?(cluster: Cluster, plan: FaultPlan): Promise<void>;
  /**
   * The fault's own evidence that it is in place, beyond what the probes see
   * (its iptables rules, its qdisc, the process it killed gone): what is not
   * yet so, as problems. Asked with every look until the fault counts as applied.
   */
  inPlace?(cluster: Cluster, plan: FaultPlan): Promise<string[]>;
  /**
   * What that evidence showed at the last look that found the fault in place
   * (the pid it killed and the one registered now), for the check's detail.
   */
  seen?(): string | undefined;
  /**
   * What the fault's recovery must have brought back beyond the layers (epmd
   * knowing the node again), as problems; asked once the layers healed, until
   * the heal deadline.
   */
  undone?(cluster: Cluster, plan: FaultPlan): Promise<string[]>;
}

/** Who brings a node back: the harness (kill, stop), or the platform by itself (swarm). */
export type Restarter = Cluster["restarter"];

export interface FaultTraits {
  /**
   * What its length is: "downtime" (nodes down, then started again), "duration"
   * (in place exactly that long, so it must be noticed while it lasts, and
   * peers notice it only through the tick), or "none" (a crash).
   */
  lasting: "downtime" | "duration" | "none";
  /** Takes its targets down: somebody must bring them back. */
  downing: boolean;
  /** Its targets come back only through the engine's restart policy (or swarm), never the harness. */
  engineRestarts?: boolean;
  /** The fields that `--faults KIND:VALUE:VALUE` sets, in order (partition:isolate:inbound is a shape, then a direction). */
  flagFields?: readonly string[];
  /** Needs the kernel's netem queueing discipline. */
  needsNetem?: boolean;
  /** Its color in report.html: the same in the timeline, the legend and the timing charts. */
  color: string;
}

/** What the scenario rules know of the cluster a fault will hit. */
export interface ClusterFacts {
  nodes: number;
  engine: "docker" | "swarm";
  /** net_ticktime in seconds: how soon a silent peer is noticed. */
  netTicktime: number;
}

/** What planning a fault knows of the cluster beyond its node names. */
export type PlanFacts = Pick<ClusterFacts, "netTicktime">;

/** A field of a fault spec that does not fit the cluster, and why. */
export interface SpecProblem {
  field: string;
  message: string;
}

/** Everything one kind of fault is: its scenario schema, planning, nemesis, expectation and traits. */
export interface FaultKind<K extends string, S extends z.ZodType<{ kind: K }>> {
  kind: K;
  schema: S;
  traits: FaultTraits;
  /** Cross-field rules against the cluster (beyond the target rules every kind shares). */
  rules?(spec: z.output<S>, cluster: ClusterFacts): SpecProblem[];
  plan(spec: z.output<S>, nodes: readonly string[], rng: Rng, cluster: PlanFacts): PlannedFault;
  nemesis(restarter: Restarter): Nemesis;
  /** What the fault must visibly do while it lasts. */
  expect(plan: FaultPlan, nodes: readonly string[], restarter: Restarter): FaultExpectation;
}

/** Declares a fault kind, keeping its schema's own type for the registry's union. */
export function defineFault<const K extends string, S extends z.ZodType<{ kind: K }>>(fault: FaultKind<K, S>): FaultKind<K, S> {
  return fault;
}
