import { z } from "zod";
import { FAULT_KINDS, faultPlanSchema } from "../faults/index.js";
import { PARTITION_SHAPES } from "../schedule/partition-shapes.js";
import { storedScenarioSchema } from "../scenario/stored-scenario.js";
import { formationSchema } from "./formation.js";
import { RESTARTERS } from "./run-result.js";
import { LAYERS, NOT_PRESENT } from "../checks/layer.js";

export const verdictSchema = z.enum(["pass", "fail", "unknown"]);

/** A layer's verdict: a layer that does not run on the cluster is "not present", never a pass. */
export const layerVerdictSchema = z.enum(["pass", "fail", "unknown", NOT_PRESENT]);

const reconnectFixSchema = z.union([
  z.object({ kernel: z.string(), has: z.literal(true) }),
  z.object({ kernel: z.string(), has: z.literal(false), upgradeTo: z.object({ kernel: z.string(), otp: z.string() }) }),
  z.object({ kernel: z.string().nullable(), has: z.literal("unknown") }),
]);

/** A node whose global:sync() hung while global's own state showed why (see checks/global-stuck.ts). */
const stuckNodeSchema = z.object({
  node: z.string(),
  kernelVersion: z.string().nullable(),
  /** Whether its kernel carries OTP-19381's fix (erlang/otp #9112), else the release that does. */
  fix: reconnectFixSchema,
  pendingWith: z.array(z.string()),
  connectedNotKnown: z.array(z.string()),
  knownNotConnected: z.array(z.string()),
  lockHeldFrom: z.array(z.string()),
  /** OTP's remedy, never applied by meshproof: erlang:disconnect_node/1 of each of these, on this node. */
  disconnect: z.array(z.string()),
});

export const checkResultSchema = z.object({
  name: z.string(),
  verdict: verdictSchema,
  detail: z.string(),
  /** The global check, when global is stuck: what each stuck node waits on, by global's own state. */
  globalStuck: z.object({ nodes: z.array(stuckNodeSchema) }).optional(),
});

const ms = z.number().int().nonnegative().nullable();

/**
 * Each layer's verdict, time to show the fault and time to converge again in
 * one iteration (every layer named): the heal time with its resolution, or
 * unchanged (the fault never showed in the layer), or the reason it is unknown.
 */
const layerOutcomesSchema = z.record(
  z.enum(LAYERS),
  z.object({
    verdict: layerVerdictSchema,
    detectMs: ms,
    healMs: ms,
    healResolutionMs: z.number().int().nonnegative().optional(),
    unchanged: z.literal(true).optional(),
    reason: z.string().optional(),
  }),
);

/** Each layer over the whole run: its worst verdict, and its heal times. */
const layerSummariesSchema = z.record(z.enum(LAYERS), z.object({ verdict: layerVerdictSchema, healP50Ms: ms, healP95Ms: ms }));

export const iterationSchema = z.object({
  index: z.number().int().positive(),
  fault: z.enum(FAULT_KINDS),
  /** The targets, for people: "app@n2, app@n4". */
  target: z.string(),
  targets: z.array(z.string()),
  shape: z.enum(PARTITION_SHAPES).optional(),
  /** Fault to the moment every observer had noticed it; null if never observed. */
  detectMs: z.number().int().nonnegative().nullable(),
  /** Recovery to the observation of the full mesh with pg converged; null if it never healed. */
  healMs: z.number().int().nonnegative().nullable(),
  /** The precision of healMs: the gap between the observation that saw the heal and the one before. */
  healResolutionMs: z.number().int().nonnegative().nullable(),
  /** Who brought each target back, for faults that take nodes down: the harness (start), Docker's restart policy, or swarm (a new task). */
  restartedBy: z.record(z.string(), z.enum(RESTARTERS)).optional(),
  verdict: verdictSchema,
  /** Per layer (mesh, pg, global, mnesia, invariants): its verdict, detect and heal time. */
  layers: layerOutcomesSchema,
  checks: z.array(checkResultSchema),
});

const summarySchema = z.object({ count: z.number().int(), min: z.number(), p50: z.number(), p95: z.number(), max: z.number() }).nullable();
const timeStatsSchema = z.object({ detect: summarySchema, heal: summarySchema, healResolution: summarySchema });

/** report.json: what a run did and concluded. Never holds the cookie. */
export const reportSchema = z.object({
  meshproofVersion: z.string(),
  runId: z.string(),
  verdict: verdictSchema,
  /** One sentence on why the verdict is what it is. */
  summary: z.string(),
  seed: z.number().int().nonnegative(),
  /** The command line that repeats this run (meshproof replay REPORT also does). */
  reproduce: z.string(),
  startedAt: z.iso.datetime(),
  durationMs: z.number().int().nonnegative(),
  nodes: z.array(
    z.object({
      name: z.string(),
      otpRelease: z.string().nullable(),
      otpVersion: z.string().nullable(),
      /** The kernel application's version: global ships in it, so its fixes are known by it. Reports of before it was recorded read null. */
      kernelVersion: z.string().nullable().default(null),
      /** The host that ran the node when the run began: on swarm, its task's swarm node (hostname). Absent on one host. */
      host: z.string().optional(),
    }),
  ),
  /** The scenario as run, every default filled in (its durations as numbers of ms). */
  scenario: storedScenarioSchema,
  /** The faults as planned from the seed; replay runs exactly these. */
  schedule: z.array(faultPlanSchema),
  iterations: z.array(iterationSchema),
  /** Checks over the whole run: final heal, heal budget. */
  checks: z.array(checkResultSchema),
  /** Each layer over the run: a layer that failed anywhere (iterations or the final heal) fails here. */
  layers: layerSummariesSchema,
  /** Only when the cluster never formed: which layer did not come together, and the nodes' telling log lines. */
  formation: formationSchema.optional(),
  /** Time to detect and to heal, in ms: overall and per fault kind. */
  stats: z.object({ overall: timeStatsSchema, byFault: z.record(z.string(), timeStatsSchema) }),
});

export type Report = z.output<typeof reportSchema>;
