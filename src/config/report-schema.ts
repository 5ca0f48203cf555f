import { z } from "zod";

export const verdictSchema = z.enum(["pass", "fail", "unknown"]);

export const checkResultSchema = z.object({
  name: z.string(),
  verdict: verdictSchema,
  detail: z.string(),
});

export const iterationSchema = z.object({
  index: z.number().int().positive(),
  fault: z.literal("kill"),
  target: z.string(),
  /** Fault to the observation that every survivor noticed it; null if never observed. */
  detectMs: z.number().int().nonnegative().nullable(),
  /** Recovery to the observation of the full mesh with pg converged; null if it never healed. */
  healMs: z.number().int().nonnegative().nullable(),
  verdict: verdictSchema,
  checks: z.array(checkResultSchema),
});

/** report.json: what a run did and concluded. Never holds the cookie. */
export const reportSchema = z.object({
  meshproofVersion: z.string(),
  runId: z.string(),
  verdict: verdictSchema,
  /** One sentence on why the verdict is what it is. */
  summary: z.string(),
  seed: z.number().int().nonnegative(),
  /** The command line that repeats this run's choices. */
  reproduce: z.string(),
  startedAt: z.iso.datetime(),
  durationMs: z.number().int().nonnegative(),
  nodes: z.array(z.object({ name: z.string(), otpRelease: z.string().nullable(), otpVersion: z.string().nullable() })),
  settings: z.object({
    kills: z.number().int(),
    downtimeMs: z.number().int(),
    detectDeadlineMs: z.number().int(),
    healDeadlineMs: z.number().int(),
    netTicktime: z.number().int(),
    agentReconnect: z.union([z.literal("off"), z.number().int()]),
    pgRejoin: z.enum(["on", "off"]),
    pgScope: z.string(),
    pgGroups: z.record(z.string(), z.number().int()),
  }),
  schedule: z.array(z.object({ index: z.number().int(), fault: z.literal("kill"), target: z.string() })),
  iterations: z.array(iterationSchema),
});

export type Report = z.infer<typeof reportSchema>;
