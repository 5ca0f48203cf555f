import type { z } from "zod";
import type { Cluster } from "../cluster/cluster.js";
import type { Rng } from "../schedule/rng.js";
import type { FaultExpectation } from "./fault-expectation.js";
import type { PlanBase } from "./fault-plan.js";

/**
 * How a fault is done to a cluster and undone (Jepsen's nemesis): invoke
 * applies the plan, recover lifts it. Whether it took effect is not theirs
 * to say; the checks observe that.
 */
export interface Nemesis<P extends PlanBase = PlanBase> {
  invoke(cluster: Cluster, plan: P): Promise<void>;
  /** Lifts the fault; undefined when the system recovers by itself (a crash: the engine restarts it). */
  recover?(cluster: Cluster, plan: P): Promise<void>;
  /**
   * The fault's own evidence that it is in place, beyond what the probes see
   * (its iptables rules, its qdisc, the process it killed gone): what is not
   * yet so, as problems. Asked with every look until the fault counts as applied.
   */
  inPlace?(cluster: Cluster, plan: P): Promise<string[]>;
  /**
   * What that evidence showed, for the record (a replaced node's old and new
   * address): asked once the fault counted as applied, and said in the check.
   */
  evidence?(cluster: Cluster, plan: P): Promise<string>;
  /**
   * What the fault's recovery must have brought back beyond the layers (epmd
   * knowing the node again), as problems; asked once the layers healed, until
   * the heal deadline.
   */
  undone?(cluster: Cluster, plan: P): Promise<string[]>;
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
  /** Its plan names every node (a partition's view): it cannot be moved to fewer nodes. */
  namesEveryNode?: boolean;
  /** The fields that `--faults KIND:VALUE:VALUE` sets, in order (partition:isolate:inbound is a shape, then a direction). */
  flagFields?: readonly string[];
  /** Its color in report.html: the same in the timeline, the legend and the timing charts. */
  color: string;
}

/** What the scenario rules know of the cluster a fault will hit. */
export interface ClusterFacts {
  nodes: number;
  engine: "docker" | "swarm";
  /** net_ticktime in seconds: how soon a silent peer is noticed. */
  netTicktime: number;
  /** The nodes run in containers someone else started (--attach). */
  attached: boolean;
  /** How the harness asks the nodes: a long-lived probe session per node, or a probe VM per request. */
  probeMode: "session" | "oneshot";
}

/** What planning a fault knows of the cluster beyond its node names. */
export type PlanFacts = Pick<ClusterFacts, "netTicktime">;

/** What the engine's host offers, asked only when a scenario's fault needs it, before any cluster starts. */
export interface EngineFacts {
  /** The CPUs of the engine's host. */
  cpus: number;
  /** Whether the kernel has netem, and what tc said when it had not. */
  netem: { offered: true } | { offered: false; said: string };
}

/** A field of a fault spec that does not fit the cluster or its engine, and why. */
export interface SpecProblem {
  field: string;
  message: string;
}

/** What a fault needs of the engine: the facts to ask it, and the spec's problems with its answers. */
export interface EngineRequirement<Spec> {
  asks: readonly (keyof EngineFacts)[];
  problems(spec: Spec, engine: EngineFacts): SpecProblem[];
}

/** The containers as the final heal found them, before it lifted anything. */
export type ContainersBefore = Readonly<Awaited<ReturnType<Cluster["containerStates"]>>>;

/**
 * Takes back whatever a kind may have left anywhere in the cluster (the final
 * heal after Ctrl-C, an error or the last fault): idempotent, and blind to
 * which faults ran. Lifts run stage by stage: containers unpaused, put back on
 * the network, started, then what is inside the running nodes.
 */
export interface Lift {
  stage: (typeof LIFT_STAGES)[number];
  lift(cluster: Cluster, before: ContainersBefore): Promise<void>;
}
export const LIFT_STAGES = ["unpause", "reconnect", "start", "inside"] as const;

/**
 * Everything one kind of fault is: its scenario schema, plan schema, planning
 * and the way back to a spec, nemesis, expectation, final-heal lift, what it
 * requires, and traits. Nothing outside src/faults/ reads a field of its plan.
 */
export interface FaultKind<K extends string, S extends z.ZodType<{ kind: K }>, P extends z.ZodType<PlanBase & { kind: K }>> {
  kind: K;
  schema: S;
  planSchema: P;
  traits: FaultTraits;
  /** Cross-field rules against the cluster (beyond the target rules every kind shares): what the cluster must be (not swarm, not attached ...). */
  rules?(spec: z.output<S>, cluster: ClusterFacts): SpecProblem[];
  /** What the engine's host must offer (netem, more CPUs than the limit). */
  requires?: EngineRequirement<z.output<S>>;
  plan(spec: z.output<S>, nodes: readonly string[], rng: Rng, cluster: PlanFacts): z.output<P>;
  /** The spec that plans exactly this fault again: targets fixed by name, length and parameters as planned (shrink's repro scenario). */
  specOf(plan: z.output<P>): Partial<z.output<S>> & { kind: K };
  nemesis(restarter: Restarter): Nemesis<z.output<P>>;
  /** What the fault must visibly do while it lasts. */
  expect(plan: z.output<P>, nodes: readonly string[], restarter: Restarter): FaultExpectation;
  /** What the final heal does about this kind, whether or not it ran. */
  lifts: readonly Lift[];
  /** What a report shows beside the kind's name (a partition's shape). */
  variant?(plan: z.output<P>): string;
  /** How short shrink may make the fault, when not what its lasting says (a blip stays as long as it was). */
  shortestMs?(plan: z.output<P>, netTicktime: number): number | undefined;
}

/** Declares a fault kind, keeping its schemas' own types for the registry's unions. */
export function defineFault<const K extends string, S extends z.ZodType<{ kind: K }>, P extends z.ZodType<PlanBase & { kind: K }>>(
  fault: FaultKind<K, S, P>,
): FaultKind<K, S, P> {
  return fault;
}
