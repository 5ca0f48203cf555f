import { z } from "zod";
import { PARTITION_SHAPES } from "../schedule/partition-shapes.js";

/** What a fault kind plans for one fault, as plain data (its kind is checked against the registry in faultPlanSchema). */
export const plannedFaultSchema = z.object({
  kind: z.string(),
  /** The nodes the fault hits directly (for a partition: the most cut-off ones, e.g. the smaller side). */
  targets: z.array(z.string()),
  /** From the fault to its recovery: a kill's downtime, a pause's or partition's length; 0 for a crash. */
  durationMs: z.number().int().nonnegative(),
  graceMs: z.number().int().nonnegative().optional(),
  shape: z.enum(PARTITION_SHAPES).optional(),
  method: z.enum(["iptables", "disconnect"]).optional(),
  /** Partition: the peers each node can still reach. */
  view: z.record(z.string(), z.array(z.string())).optional(),
  delayMs: z.number().int().nonnegative().optional(),
  lossPercent: z.number().min(0).max(100).optional(),
});
export type PlannedFault = z.infer<typeof plannedFaultSchema>;

/** One fault of a schedule: what the report stores and `replay` runs again. */
export const scheduledFaultSchema = plannedFaultSchema.extend({
  index: z.number().int().positive(),
  /** Wait before this fault (the scenario's interval or stagger). */
  waitBeforeMs: z.number().int().nonnegative(),
});
export type FaultPlan = z.infer<typeof scheduledFaultSchema>;
