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
  /** Partition: how the cut is made (iptables drops, a TCP reset, or taking the node off the network). */
  method: z.enum(["iptables", "disconnect", "reset"]).optional(),
  /** Partition: lifted before the tick could reveal it, so nobody need notice it; only every layer's heal is judged. */
  blip: z.boolean().optional(),
  /** Partition by reset: how soon each cut link must show as a nodedown (the next packet on it meets the reset). */
  noticeWithinMs: z.number().int().positive().optional(),
  /** Partition: which traffic of the targets is cut (one-way cuts: inbound or outbound). */
  direction: z.enum(["inbound", "outbound", "both"]).optional(),
  /** Partition: the peers each node can still reach. */
  view: z.record(z.string(), z.array(z.string())).optional(),
  delayMs: z.number().int().nonnegative().optional(),
  /** Loss: the share of the targets' packets dropped, 0-1. */
  probability: z.number().min(0).max(1).optional(),
  /** Bandwidth: the targets' rate, as tc writes it (64kbit). */
  rate: z.string().optional(),
  /** kill-process, suspend-process: the registered name of the process. */
  process: z.string().optional(),
  /** cpu: the CPUs each target may use meanwhile. */
  cpus: z.number().positive().optional(),
});
export type PlannedFault = z.infer<typeof plannedFaultSchema>;

/** One fault of a schedule: what the report stores and `replay` runs again. */
export const scheduledFaultSchema = plannedFaultSchema.extend({
  index: z.number().int().positive(),
  /** Wait before this fault (the scenario's interval or stagger). */
  waitBeforeMs: z.number().int().nonnegative(),
});
export type FaultPlan = z.infer<typeof scheduledFaultSchema>;
