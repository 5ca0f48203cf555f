import { z } from "zod";
import { PARTITION_SHAPES } from "../schedule/partition-shapes.js";
import { FAULT_KINDS } from "./fault-spec.js";

/** One planned fault, as plain data: what the report stores and `replay` runs again. */
export const faultPlanSchema = z.object({
  index: z.number().int().positive(),
  kind: z.enum(FAULT_KINDS),
  /** The nodes the fault hits directly (for a partition: the most cut-off ones, e.g. the smaller side). */
  targets: z.array(z.string()),
  /** From the fault to its recovery: a kill's downtime, a pause's or partition's length; 0 for a crash. */
  durationMs: z.number().int().nonnegative(),
  /** Wait before this fault (the scenario's interval or stagger). */
  waitBeforeMs: z.number().int().nonnegative(),
  graceMs: z.number().int().nonnegative().optional(),
  shape: z.enum(PARTITION_SHAPES).optional(),
  method: z.enum(["iptables", "disconnect"]).optional(),
  /** Partition: the peers each node can still reach. */
  view: z.record(z.string(), z.array(z.string())).optional(),
  delayMs: z.number().int().nonnegative().optional(),
  lossPercent: z.number().min(0).max(100).optional(),
});

export type FaultPlan = z.infer<typeof faultPlanSchema>;
