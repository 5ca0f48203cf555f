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
import type { ClusterFacts, EngineFacts, FaultTraits, Lift, Nemesis, PlanFacts, Restarter, SpecProblem } from "./fault-kind.js";
import { SCHEDULED_FIELDS } from "./fault-plan.js";
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
import { noticeWindowMs } from "./tick-notice.js";

/** Every fault kind meshproof can inject: the only list of them. Adding one is a module and a line here. */
const FAULTS = [kill, killMany, crash, stop, pause, partition, delay, loss, bandwidth, cpu, replace, epmd, dns, killProcess, suspendProcess] as const;

type Faults = typeof FAULTS;
type SchemasOf<T extends readonly { schema: unknown }[]> = { -readonly [I in keyof T]: T[I]["schema"] };
type PlanSchemasOf<T extends readonly { planSchema: unknown }[]> = { -readonly [I in keyof T]: T[I]["planSchema"] };
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

/** What a kind plans for one fault, as plain data: one of the kinds' plan schemas. */
export const plannedFaultSchema = z.discriminatedUnion("kind", FAULTS.map((fault) => fault.planSchema) as unknown as PlanSchemasOf<Faults>);
export type PlannedFault = z.output<typeof plannedFaultSchema>;

/** One fault of a schedule: what the report and the history store and `replay` runs again. */
export type FaultPlan = PlannedFault & { index: number; waitBeforeMs: number };
export const faultPlanSchema = z.discriminatedUnion(
  "kind",
  FAULTS.map((fault) => fault.planSchema.extend(SCHEDULED_FIELDS)) as unknown as PlanSchemasOf<Faults>,
) as unknown as z.ZodType<FaultPlan, FaultPlan>;

export type { Nemesis, Restarter, FaultTraits, FaultExpectation, EngineFacts };

/** The module of a kind, typed loosely: each module checks its own spec and plan with its schemas. */
interface AnyFault {
  kind: string;
  schema: z.ZodObject;
  traits: FaultTraits;
  rules?(spec: never, cluster: ClusterFacts): SpecProblem[];
  requires?: { asks: readonly (keyof EngineFacts)[]; problems(spec: never, engine: EngineFacts): SpecProblem[] };
  plan(spec: never, nodes: readonly string[], rng: Rng, cluster: PlanFacts): PlannedFault;
  specOf(plan: never): Record<string, unknown>;
  nemesis(restarter: Restarter): Nemesis<never>;
  expect(plan: never, nodes: readonly string[], restarter: Restarter): FaultExpectation;
  lifts: readonly Lift[];
  variant?(plan: never): string;
  shortestMs?(plan: never, netTicktime: number): number | undefined;
}

function faultOf(kind: string): AnyFault {
  const fault = (FAULTS as readonly AnyFault[]).find((f) => f.kind === kind);
  if (!fault) throw new Error(`unknown fault kind ${kind}`);
  return fault;
}

/** The fields a kind's spec takes: its schema's keys. */
export function specFieldsOf(kind: string): string[] {
  return Object.keys(faultOf(kind).schema.shape);
}

export function traitsOf(kind: string): FaultTraits {
  return faultOf(kind).traits;
}

/** Plans one fault of a spec against the cluster's nodes, drawing from the run's generator. */
export function planFault(spec: FaultSpec, nodes: readonly string[], rng: Rng, cluster: PlanFacts): PlannedFault {
  return faultOf(spec.kind).plan(spec as never, nodes, rng, cluster);
}

/**
 * The spec that plans exactly this fault: its targets fixed by name, its
 * length and parameters as planned (durations in ms). A partition names no
 * targets: its view is drawn from the seed.
 */
export function specOfPlan(plan: PlannedFault): Record<string, unknown> {
  return faultOf(plan.kind).specOf(plan as never);
}

/** What does not fit together between a fault spec and the cluster it is for: its target, then its kind's own rules. */
export function specProblems(spec: FaultSpec, cluster: ClusterFacts): SpecProblem[] {
  return [...("target" in spec ? targetProblems(spec.target, cluster.nodes) : []), ...(faultOf(spec.kind).rules?.(spec as never, cluster) ?? [])];
}

/** What the engine must be asked before a run with these faults: only what one of them needs. */
export function engineAsks(faults: readonly { kind: string }[]): (keyof EngineFacts)[] {
  return [...new Set(faults.flatMap((fault) => faultOf(fault.kind).requires?.asks ?? []))];
}

/** The faults the engine cannot do as specified, each named by its path in the scenario. */
export function engineProblems(faults: readonly { kind: string }[], engine: EngineFacts): string[] {
  return faults.flatMap((fault, i) => (faultOf(fault.kind).requires?.problems(fault as never, engine) ?? []).map((p) => `faults.${i}.${p.field}: ${p.message}`));
}

export function nemesisFor(plan: FaultPlan, restarter: Restarter): Nemesis<FaultPlan> {
  return faultOf(plan.kind).nemesis(restarter) as Nemesis<FaultPlan>;
}

export function expectationOf(plan: FaultPlan, nodes: readonly string[], restarter: Restarter): FaultExpectation {
  return faultOf(plan.kind).expect(plan as never, nodes, restarter);
}

/** What a report shows beside the fault's kind (a partition's shape), if its kind has such variants. */
export function variantOf(plan: PlannedFault): string | undefined {
  return faultOf(plan.kind).variant?.(plan as never);
}

/**
 * How short shrink may make a fault: a downtime down to nothing; a
 * tick-revealed fault no shorter than the tick can notice; what its kind
 * says otherwise (a blip stays as long as it was); the rest as it was.
 */
export function shortestMs(plan: PlannedFault, netTicktime: number): number {
  const own = faultOf(plan.kind).shortestMs?.(plan as never, netTicktime);
  if (own !== undefined) return own;
  const lasting = traitsOf(plan.kind).lasting;
  if (lasting === "downtime") return 0;
  if (lasting === "duration") return Math.min(plan.durationMs, noticeWindowMs(netTicktime));
  return plan.durationMs;
}

/** Every kind's final-heal lift, once each (kinds share some), stage by stage. */
export function allLifts(): Lift[] {
  return [...new Set(FAULTS.flatMap((fault): readonly Lift[] => fault.lifts))];
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
