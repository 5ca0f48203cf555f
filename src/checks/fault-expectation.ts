import type { MeshPlan } from "./mesh.js";

/** What a planned fault must visibly do while it lasts, as plain data for the checks. */
export interface FaultExpectation {
  /** Containers that must be stopped, or paused, during the fault. */
  stopped: string[];
  paused: string[];
  /** Containers the engine's restart policy must restart (once) by itself. */
  restartedByEngine: string[];
  /** Nodes that come back as a new incarnation; every other node must keep its own. */
  reincarnated: string[];
  /** Nodes that may come back as a new incarnation, or not (a killed kernel process takes its node down). */
  mayReincarnate?: string[];
  /** Nodes that can be probed during the fault. */
  observable: string[];
  /** Each observable node's allowed peers during the fault; null when nothing stable can be demanded. */
  view: MeshPlan | null;
  /** true: nodes() must equal the view; false: equal or stricter (a partition may cut more, see prevent_overlapping_partitions). */
  exactView: boolean;
  /**
   * Peers notice this fault at different moments (through the tick), so OTP's
   * prevent_overlapping_partitions may disconnect nodes it did not separate
   * while it lasts: any nodedown before the heal is its doing.
   */
  othersMayDisconnect: boolean;
  /** Each observer must log a nodedown of each node it loses, after the fault began. */
  lostLinks: { observer: string; lost: string }[];
  /** The nodedown reason those events must carry, when the fault determines it. */
  nodedownReason?: string;
  /** How soon after the fault each of those nodedowns must come (a reset is seen at once, not through the tick). */
  nodedownWithinMs?: number;
  /** A one-way cut: the side whose traffic is cut, to tell which side noticed first. */
  cutSide?: string[];
}
