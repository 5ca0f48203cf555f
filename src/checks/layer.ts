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
  /** The recovery to the layer's first look of the stretch in which it held; null if it never converged, or the fault did not change it. */
  healMs: number | null;
  /** How precise healMs is, where there is one: the time from the layer's own look before that one (it converged in between). */
  healResolutionMs?: number;
  /** No look showed the fault in the layer, and it held from the first look after the recovery: it has no heal time. */
  unchanged?: true;
  /** Why the layer is unknown: what kept it from being judged after the fault ("not judged: ..."). */
  reason?: string;
}

export type LayerOutcomes = Record<Layer, LayerOutcome>;
