import { changedLayers, layerStatesByNode, type LayerStates } from "../../checks/layer-change.js";
import type { Layer } from "../../checks/layer.js";
import type { NodeObservation } from "../../probe/observe-node.js";

/**
 * When each layer first showed the fault: the first look after it at which
 * the layer's state on some node differs from the look before the fault.
 * A layer the fault never touched has no detect time.
 */
export class LayerDetector {
  readonly detectMs: Partial<Record<Layer, number>> = {};
  /** The look before the fault, as layer states: computed once, compared with every look after. */
  private readonly before: ReadonlyMap<string, LayerStates>;

  constructor(
    before: readonly NodeObservation[],
    private readonly faultAtMs: number,
  ) {
    this.before = layerStatesByNode(before);
  }

  see(observations: readonly NodeObservation[]): void {
    const atMs = Math.max(...observations.map((o) => o.atMs));
    for (const layer of changedLayers(this.before, observations)) this.detectMs[layer] ??= Math.max(0, Math.round(atMs - this.faultAtMs));
  }

  /** Whether some layer of `present` has not shown the fault yet. */
  waitingFor(present: Iterable<Layer>): boolean {
    return [...present].some((layer) => this.detectMs[layer] === undefined);
  }
}
