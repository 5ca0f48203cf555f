import type { LayerOutcome, LayerOutcomes } from "../../src/checks/layer.js";

const healed = (detectMs: number, healMs: number): LayerOutcome => ({ verdict: "pass", detectMs, healMs });
const absent: LayerOutcome = { verdict: "not present", detectMs: null, healMs: null };

/** An iteration's layers as on a cluster without Mnesia or invariants: mesh, pg and global healed; the rest as given. */
export function layerOutcomes(given: Partial<LayerOutcomes> = {}): LayerOutcomes {
  return { mesh: healed(40, 900), pg: healed(45, 930), global: healed(40, 910), mnesia: absent, invariants: absent, ...given };
}
