import { z } from "zod";
import { otpReleaseSchema } from "../../src/config/otp.js";
import type { OtpRelease } from "../../src/otp-releases.js";

/**
 * The reference experiment's grid: does OTP's global sync again after a
 * partition, per release, tick, partition and cluster (meshproof's agent or
 * bare nodes)? Pure: which cells, and each cell's key in results.json.
 */

/** bridge, ring and halves cut both ways; isolate-oneway drops only what reaches the isolated node. */
export const BENCH_SHAPES = ["bridge", "ring", "halves", "isolate-oneway"] as const;
export type BenchShape = (typeof BENCH_SHAPES)[number];
/** bare-named: bare nodes that each hold a global name, as the agent does (not in the default grid). */
export const CLUSTER_KINDS = ["agent", "bare", "bare-named"] as const;
export type ClusterKind = (typeof CLUSTER_KINDS)[number];

export interface Cell {
  otp: OtpRelease;
  tick: number;
  shape: BenchShape;
  cluster: ClusterKind;
}

/** A flag's comma list ("27,29"), each item read by `item`. */
const commaList = <T extends z.ZodType>(item: T) =>
  z.preprocess((raw) => (typeof raw === "string" ? raw.split(",").map((part) => part.trim()) : raw), z.array(item).min(1));

export const gridSchema = z.object({
  otp: commaList(otpReleaseSchema).default([25, 27, 29]),
  tick: commaList(z.coerce.number().int().min(1).max(60)).default([2, 5]),
  shape: commaList(z.enum(BENCH_SHAPES)).default([...BENCH_SHAPES]),
  cluster: commaList(z.enum(CLUSTER_KINDS)).default(["agent", "bare"]),
  /** Clusters per cell; each tries `partitions` partitions in turn and stops at its first failure. */
  runs: z.coerce.number().int().min(1).default(3),
  partitions: z.coerce.number().int().min(1).default(4),
  seed: z.coerce.number().int().default(1),
  /** A flock(1) lock file held per cell only, so that others may use the engine between cells. */
  lock: z.string().min(1).optional(),
  /** Internal: the one cell a locked child process runs. */
  cell: z.string().optional(),
});
export type Grid = z.output<typeof gridSchema>;

/** Every cell of the grid, the default configuration first within each release. */
export function cellsOf(grid: Grid): Cell[] {
  return grid.otp.flatMap((otp) => grid.tick.flatMap((tick) => grid.shape.flatMap((shape) => grid.cluster.map((cluster) => ({ otp, tick, shape, cluster })))));
}

/** otp27.tick5.bridge.agent */
export function cellKey(cell: Cell): string {
  return `otp${cell.otp}.tick${cell.tick}.${cell.shape}.${cell.cluster}`;
}
