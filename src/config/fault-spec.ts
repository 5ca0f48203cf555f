import { z } from "zod";
import { PARTITION_SHAPES } from "../schedule/partition-shapes.js";
import { durationMs } from "./duration.js";
import { integer } from "./integer.js";

/** Which nodes a fault hits: one at random, a minority or majority, a count, or named nodes. */
export const targetSchema = z.union([
  z.enum(["random", "minority", "majority"]),
  z.object({ count: integer(1, 1000) }).strict(),
  z.object({ nodes: z.array(z.string().regex(/^[^@\s]+@[^@\s]+$/, "a node name such as app@n2")).min(1) }).strict(),
]);
export type TargetSpec = z.infer<typeof targetSchema>;

export const FAULT_KINDS = ["kill", "kill-many", "crash", "stop", "pause", "partition", "delay", "loss"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * One kind of fault a scenario may inject, with its parameters. Durations
 * left out of pause/partition are filled from net_ticktime when the scenario
 * is normalized (a silent peer is only noticed after 0.75-1.25 ticks).
 */
export const faultSpecSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("kill"), target: targetSchema.default("random"), downtime: durationMs.default(1_000) }).strict(),
  z.object({ kind: z.literal("kill-many"), target: targetSchema.default("minority"), downtime: durationMs.default(1_000) }).strict(),
  z.object({ kind: z.literal("crash"), target: targetSchema.default("random") }).strict(),
  z
    .object({
      kind: z.literal("stop"),
      target: targetSchema.default("random"),
      downtime: durationMs.default(1_000),
      grace: durationMs.default(5_000),
    })
    .strict(),
  z.object({ kind: z.literal("pause"), target: targetSchema.default("random"), duration: durationMs.optional() }).strict(),
  z
    .object({
      kind: z.literal("partition"),
      shape: z.enum([...PARTITION_SHAPES, "random"]).default("random"),
      /** iptables rules in the nodes' network namespaces, or (isolate only) a network disconnect. */
      method: z.enum(["iptables", "disconnect"]).default("iptables"),
      duration: durationMs.optional(),
    })
    .strict(),
  z.object({ kind: z.literal("delay"), target: targetSchema.default("random"), delay: durationMs.default(200), duration: durationMs.optional() }).strict(),
  z.object({ kind: z.literal("loss"), target: targetSchema.default("random"), percent: z.number().min(0).max(100).default(30), duration: durationMs.optional() }).strict(),
]);
export type FaultSpecInput = z.input<typeof faultSpecSchema>;
export type FaultSpec = z.output<typeof faultSpecSchema>;
