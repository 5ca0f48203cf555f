import { LAYERS } from "../checks/layer.js";
import { z } from "zod";
import { faultPlanSchema } from "../faults/index.js";

const verdict = z.enum(["pass", "fail", "unknown"]);

/** ms per layer present on the cluster; optional, so histories from before layers still read. */
const layerMs = z.partialRecord(z.enum(LAYERS), z.number()).optional();

/**
 * Every event a run records in history.ndjson, as one union: run/ writes only
 * these and report/ reads only these, so a rename breaks the build, not the
 * HTML report. Jepsen's operations: who acted (process), invoke/ok/fail/info,
 * and what (f, value).
 */
export const historyEventSchema = z.union([
  z.object({
    process: z.literal("harness"),
    type: z.literal("info"),
    f: z.literal("run"),
    value: z.object({ runId: z.string(), seed: z.number(), nodes: z.array(z.string()), scenario: z.unknown() }),
  }),
  z.object({ process: z.literal("harness"), type: z.literal("info"), f: z.literal("verdict"), value: z.object({ verdict, summary: z.string() }) }),
  /** A probe round: the nodes asked (a node taken down or paused on purpose is not). */
  z.object({ process: z.literal("probe"), type: z.literal("invoke"), f: z.literal("observe"), value: z.object({ nodes: z.array(z.string()) }) }),
  /** One node's answer (process: the node): its own nodes(), pg member counts per group, and incarnation. */
  z.object({
    process: z.string(),
    type: z.literal("ok"),
    f: z.literal("observe"),
    value: z.object({ peers: z.array(z.string()), pg: z.record(z.string(), z.number()), creation: z.number().optional() }),
  }),
  z.object({ process: z.string(), type: z.literal("fail"), f: z.literal("observe"), value: z.object({ status: z.string(), reason: z.string().optional() }) }),
  /** A fault is invoked with its whole plan, and done. */
  z.object({ process: z.literal("nemesis"), type: z.literal("invoke"), f: z.literal("fault"), value: faultPlanSchema }),
  z.object({ process: z.literal("nemesis"), type: z.literal("ok"), f: z.literal("fault"), value: z.object({ index: z.number(), targets: z.array(z.string()) }) }),
  /** The harness lifts a fault (faults the system recovers from by itself have none). */
  z.object({ process: z.literal("nemesis"), type: z.literal("invoke"), f: z.literal("recover"), value: z.object({ index: z.number(), kind: z.string() }) }),
  z.object({ process: z.literal("nemesis"), type: z.literal("ok"), f: z.literal("recover"), value: z.object({ index: z.number() }) }),
  /** The harness's own failure to carry out a fault or its recovery. */
  z.object({ process: z.literal("nemesis"), type: z.literal("fail"), f: z.enum(["fault", "recover"]), value: z.object({ index: z.number(), error: z.string() }) }),
  z.object({ process: z.literal("nemesis"), type: z.enum(["invoke", "ok"]), f: z.literal("final-heal") }),
  /** layers: the fault to the first look at which each layer showed it. */
  z.object({
    process: z.literal("checker"),
    type: z.literal("info"),
    f: z.literal("detected"),
    value: z.object({ iteration: z.number(), detectMs: z.number(), layers: layerMs }),
  }),
  /** layers: each layer's own heal time (ms from the recovery), for the layers present. */
  z.object({
    process: z.literal("checker"),
    type: z.literal("info"),
    f: z.literal("healed"),
    value: z.object({ iteration: z.number(), healMs: z.number(), resolutionMs: z.number(), layers: layerMs }),
  }),
  /** A check's verdict in an iteration. */
  z.object({
    process: z.literal("checker"),
    type: z.literal("info"),
    f: z.literal("check"),
    value: z.object({ iteration: z.number(), name: z.string(), verdict, detail: z.string() }),
  }),
]);

export type HistoryEvent = z.input<typeof historyEventSchema>;

/** An event as stored: on the run's monotonic timeline (ms since the history was opened) and the wall clock. */
export const opSchema = z.intersection(z.object({ timeMs: z.number(), wall: z.string() }), historyEventSchema);
export type Op = z.output<typeof opSchema>;
