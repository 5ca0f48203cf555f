import { z } from "zod";
import { faultPlanSchema } from "../faults/index.js";

const violationSchema = z.object({ name: z.string(), detail: z.string() });

const tryOutcomeSchema = z.object({
  verdict: z.enum(["pass", "fail", "unknown"]),
  violated: violationSchema.optional(),
  /** The try's own run report (report.json, history, report.html). */
  reportDir: z.string().optional(),
  /** True when it failed the original's check. A failed try with false failed another check: it does not keep its candidate. */
  matchesOriginal: z.boolean(),
});

/** shrink.json: what `meshproof shrink` tried and found. */
export const shrinkReportSchema = z.object({
  meshproofVersion: z.string(),
  /** The failed run's report.json, its run id and seed. */
  from: z.object({ report: z.string(), runId: z.string(), seed: z.number().int().nonnegative() }),
  /** The check the failed run violated: a try counts as failing only if it violates the same one. */
  violated: violationSchema,
  tries: z.number().int().positive(),
  budgetMs: z.number().int().positive(),
  /** minimal: no one-step-smaller schedule still failed; budget: time ran out first; not reproduced: the original never failed in its tries. */
  stoppedBy: z.enum(["minimal", "budget", "not reproduced"]),
  original: z.object({ faults: z.number().int(), nodes: z.number().int() }),
  minimal: z.object({
    faults: z.number().int(),
    nodes: z.number().int(),
    /** The indices of its faults in the original schedule. */
    fromOriginal: z.array(z.number().int().positive()),
    schedule: z.array(faultPlanSchema),
  }),
  /** How often the minimal schedule failed, over its tries. */
  failureRate: z.object({ failed: z.number().int().nonnegative(), tries: z.number().int().nonnegative(), rate: z.number().min(0).max(1).nullable() }),
  candidates: z.array(
    z.object({
      number: z.number().int().positive(),
      step: z.enum(["original", "drop faults", "fewer nodes", "drop waits", "shorten durations"]),
      nodes: z.number().int(),
      faults: z.array(z.number().int().positive()),
      tries: z.array(tryOutcomeSchema),
      failed: z.boolean(),
    }),
  ),
  /** Candidates (and their tries) that failed another check than the original's, which the search took for passing, and those checks. */
  otherFailures: z.object({ candidates: z.number().int().nonnegative(), tries: z.number().int().nonnegative(), checks: z.array(z.string()) }),
  /** The bundle (absent when the failure never reproduced), and what its scenario plans otherwise than the minimal schedule. */
  repro: z.object({ dir: z.string(), inexact: z.array(z.string()) }).optional(),
});

export type ShrinkReport = z.infer<typeof shrinkReportSchema>;
export type ShrinkReportInput = z.input<typeof shrinkReportSchema>;
