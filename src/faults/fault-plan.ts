import { z } from "zod";

/** What every kind plans for one fault; a kind's plan schema adds its own fields (planSchemaOf). */
const PLANNED_FIELDS = {
  /** The nodes the fault hits directly (for a partition: the most cut-off ones, e.g. the smaller side). */
  targets: z.array(z.string()),
  /** From the fault to its recovery: a kill's downtime, a pause's or partition's length; 0 for a crash. */
  durationMs: z.number().int().nonnegative(),
};

/** What a schedule adds to each planned fault: what the report stores and `replay` runs again. */
export const SCHEDULED_FIELDS = {
  index: z.number().int().positive(),
  /** Wait before this fault (the scenario's interval or stagger). */
  waitBeforeMs: z.number().int().nonnegative(),
};

/** A kind's plan as plain data: its kind, targets and length, and its own fields. */
export function planSchemaOf<const K extends string, const F extends z.ZodRawShape = Record<never, never>>(kind: K, fields: F = {} as F) {
  return z.object({ kind: z.literal(kind), ...PLANNED_FIELDS, ...fields });
}

/** What every kind's plan has: the only fields read outside its kind's own file. */
export type PlanBase = { kind: string; targets: string[]; durationMs: number };

/** The spec that names a plan's targets, so that planning it again hits the very nodes. */
export function fixedTargets(plan: PlanBase): { target: { nodes: string[] } } {
  return { target: { nodes: [...plan.targets] } };
}
