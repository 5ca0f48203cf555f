import { z } from "zod";
import { nearestWord } from "../config/nearest-word.js";
import type { Rng } from "../schedule/rng.js";
import { bandwidth } from "./bandwidth.js";
import { cpu } from "./cpu.js";
import { crash } from "./crash.js";
import { delay } from "./delay.js";
import { dns } from "./dns.js";
import { epmd } from "./epmd.js";
import type { FaultExpectation } from "./fault-expectation.js";
import type { ClusterFacts, FaultTraits, Nemesis, PlanFacts, Restarter, SpecProblem } from "./fault-kind.js";
import { scheduledFaultSchema, type FaultPlan, type PlannedFault } from "./fault-plan.js";
import { killMany } from "./kill-many.js";
import { killProcess } from "./kill-process.js";
import { kill } from "./kill.js";
import { loss } from "./loss.js";
import { partition } from "./partition.js";
import { pause } from "./pause.js";
import { replace } from "./replace.js";
import { stop } from "./stop.js";
import { suspendProcess } from "./suspend-process.js";
import { targetProblems } from "./targets.js";

/** Every fault kind meshproof can inject. Adding one is a module and a line here. */
const FAULTS = [kill, killMany, crash, stop, pause, partition, delay, loss, bandwidth, cpu, replace, epmd, dns, killProcess, suspendProcess] as const;

type Faults = typeof FAULTS;
type SchemasOf<T extends readonly { schema: unknown }[]> = { -readonly [I in keyof T]: T[I]["schema"] };
export type FaultKindName = Faults[number]["kind"];
export const FAULT_KINDS = FAULTS.map((fault) => fault.kind) as [FaultKindName, ...FaultKindName[]];

/** One kind of fault a scenario may inject, with its parameters. */
export const faultSpecSchema = z.discriminatedUnion("kind", FAULTS.map((fault) => fault.schema) as unknown as SchemasOf<Faults>, {
  error: (issue) => (issue.code === "invalid_union" ? unknownKind((issue.input as { kind?: unknown } | undefined)?.kind) : undefined),
});

function unknownKind(kind: unknown): string {
  const kinds = FAULT_KINDS.join(", ");
  if (kind === undefined) return `a fault needs a kind: one of ${kinds}`;
  const meant = typeof kind === "string" ? nearestWord(kind, FAULT_KINDS) : undefined;
  return `unknown fault kind ${JSON.stringify(kind)}; ${meant ? `did you mean ${meant}?` : `expected one of ${kinds}`}`;
}
export type FaultSpecInput = z.input<typeof faultSpecSchema>;
export type FaultSpec = z.output<typeof faultSpecSchema>;

/** A planned fault as stored in a report: its kind must be one meshproof knows. */
export const faultPlanSchema = scheduledFaultSchema.extend({ kind: z.enum(FAULT_KINDS) });

export type { FaultPlan, Nemesis, Restarter, FaultTraits, FaultExpectation };

/** The module of a kind, typed loosely: each module checks its own spec with its schema. */
interface AnyFault {
  kind: string;
  traits: FaultTraits;
  rules?(spec: never, cluster: ClusterFacts): SpecProblem[];
  plan(spec: never, nodes: readonly string[], rng: Rng, cluster: PlanFacts): PlannedFault;
  nemesis(restarter: Restarter): Nemesis;
  expect(plan: FaultPlan, nodes: readonly string[], restarter: Restarter): FaultExpectation;
}

function faultOf(kind: string): AnyFault {
  const fault = (FAULTS as readonly AnyFault[]).find((f) => f.kind === kind);
  if (!fault) throw new Error(`unknown fault kind ${kind}`);
  return fault;
}

/** The fields a kind's spec takes: its schema's keys. */
export function specFieldsOf(kind: string): string[] {
  const fault = (FAULTS as readonly { kind: string; schema: z.ZodObject }[]).find((f) => f.kind === kind);
  if (!fault) throw new Error(`unknown fault kind ${kind}`);
  return Object.keys(fault.schema.shape);
}

export function traitsOf(kind: string): FaultTraits {
  return faultOf(kind).traits;
}

/** Plans one fault of a spec against the cluster's nodes, drawing from the run's generator. */
export function planFault(spec: FaultSpec, nodes: readonly string[], rng: Rng, cluster: PlanFacts): PlannedFault {
  return faultOf(spec.kind).plan(spec as never, nodes, rng, cluster);
}

/** What does not fit together between a fault spec and the cluster it is for: its target, then its kind's own rules. */
export function specProblems(spec: FaultSpec, cluster: ClusterFacts): SpecProblem[] {
  return [...("target" in spec ? targetProblems(spec.target, cluster.nodes) : []), ...(faultOf(spec.kind).rules?.(spec as never, cluster) ?? [])];
}

export function nemesisFor(plan: FaultPlan, restarter: Restarter): Nemesis {
  return faultOf(plan.kind).nemesis(restarter);
}

export function expectationOf(plan: FaultPlan, nodes: readonly string[], restarter: Restarter): FaultExpectation {
  return faultOf(plan.kind).expect(plan, nodes, restarter);
}

/**
 * Who brought back the targets of a fault that takes nodes down: the harness
 * when the nemesis recovers them, else the platform's own restart (Docker's
 * policy, or swarm). Undefined for faults that take nothing down.
 */
export function restartedBy(plan: FaultPlan, restarter: Restarter): "harness" | "docker" | "swarm" | undefined {
  const traits = traitsOf(plan.kind);
  if (!traits.downing) return undefined;
  if (restarter === "swarm") return "swarm";
  return traits.engineRestarts ? "docker" : "harness";
}
