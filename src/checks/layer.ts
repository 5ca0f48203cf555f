import type { Verdict } from "./verdict.js";

/**
 * The layers of a cluster's state, bottom up: connections, then what runs
 * over them. Each can stay split while the ones below it are whole, so each
 * has its own verdict and times.
 */
export const LAYERS = ["mesh", "pg", "global", "mnesia", "invariants"] as const;
export type Layer = (typeof LAYERS)[number];

/** A layer that does not run on the cluster (no Mnesia, no invariant given) is "not present": never a pass. */
export const NOT_PRESENT = "not present";
export type LayerVerdict = Verdict | typeof NOT_PRESENT;

/** What one layer came to in one iteration (or one check). */
export interface LayerOutcome {
  verdict: LayerVerdict;
  /** The fault to the first look at which the layer showed it; null if it never did (or is not present). */
  detectMs: number | null;
  /** The recovery to the start of the stretch in which the layer held; null if it never converged. */
  healMs: number | null;
}

export type LayerOutcomes = Record<Layer, LayerOutcome>;
