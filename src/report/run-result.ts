import type { Layer, LayerOutcomes, LayerVerdict } from "../checks/layer.js";
import type { CheckResult, Verdict } from "../checks/verdict.js";
import type { Summary } from "../stats.js";

/** Who brought a downed node back: the harness (start), Docker's restart policy, or swarm (a new task). */
export const RESTARTERS = ["harness", "docker", "swarm"] as const;
export type NodeRestarter = (typeof RESTARTERS)[number];

/** What one fault of the schedule came to: the run writes it, the reports read it. */
export interface IterationResult {
  index: number;
  fault: string;
  targets: string[];
  shape?: string;
  /** The fault to the moment every observer had noticed it; null if never seen. */
  detectMs: number | null;
  /** The fault's recovery to the observation of the full mesh with pg converged; null if it never healed. */
  healMs: number | null;
  /** How precise healMs is: the time between the last observation before the heal and the one that saw it. */
  healResolutionMs: number | null;
  restartedBy?: Record<string, NodeRestarter>;
  /** Each layer's verdict, detect and heal time. */
  layers: LayerOutcomes;
  verdict: Verdict;
  checks: CheckResult[];
}

export interface TimeStats {
  detect: Summary | null;
  heal: Summary | null;
  /** How precise the heal times are (see IterationResult.healResolutionMs). */
  healResolution: Summary | null;
}

export interface ScenarioResult {
  iterations: IterationResult[];
  /** Checks over the whole run: the final heal and the heal budget. */
  checks: CheckResult[];
  stats: { overall: TimeStats; byFault: Record<string, TimeStats> };
  /** What each layer came to in the final heal (absent: not run). */
  finalLayers?: Partial<Record<Layer, LayerVerdict>>;
  verdict: Verdict;
}
