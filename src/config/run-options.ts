import { z } from "zod";
import { clusterOptionsSchema } from "./cluster-options.js";
import { durationMs } from "./duration.js";
import { integer } from "./integer.js";

/** `meshproof run`: a cluster plus the kill loop, its deadlines and where to report. */
export const runOptionsSchema = clusterOptionsSchema.extend({
  kills: integer(1, 10_000).default(10),
  /** Unset: a random seed, printed and stored in the report. */
  seed: integer(0, 2 ** 32 - 1).optional(),
  /** How long a killed node stays down before the harness restarts it. */
  downtime: durationMs.default(1_000),
  /** How long survivors may take to notice a kill. */
  detectDeadline: durationMs.default(15_000),
  /** How long the cluster may take to heal after a restart. */
  healDeadline: durationMs.default(30_000),
  report: z.string().min(1).optional(),
  keep: z.boolean().default(false),
});

export type RunOptions = z.output<typeof runOptionsSchema>;
