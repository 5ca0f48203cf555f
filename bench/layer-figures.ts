import { LAYERS } from "../src/checks/layer.js";
import type { StartedCluster } from "../src/index.js";
import { summarize } from "../src/stats.js";
import { timed, type Figures } from "./figures.js";
import type { KillResult } from "./kill-iterations.js";

/** Each layer's heal time must be bracketed by looks at most this far apart at 5 nodes. */
const RESOLUTION_TARGET_MS = 50;
/** A look at every layer (global's sync in its own lane) may cost at most this much more than one at the mesh and pg. */
const LAYERS_SWEEP_FACTOR = 1.2;

/**
 * The sweeps of one heal look, looked at in turns so that all see the same
 * machine (p50s): the mesh and pg as meshproof read them before it judged
 * layers (identity, nodes() and one pg scope); the layers' lane (every pg
 * scope, global's names, Mnesia, an invariant); and global's lane, which runs
 * global:sync() on every node first. The layers' lane, which times every
 * layer but global, must stay within LAYERS_SWEEP_FACTOR of the first.
 */
export async function sweeps(figures: Figures, cluster: StartedCluster, count: number, target?: string): Promise<void> {
  const nodes = cluster.nodeNames.length;
  const invariants = ["lists:sort([node() | nodes()])"];
  const meshAndPg = () => Promise.all(cluster.nodeNames.map((node) => cluster.ask(node, [{ op: "info" }, { op: "mesh" }, { op: "pg", scope: "meshproof" }])));
  const layersLane = () => cluster.probe(cluster.nodeNames, { invariants });
  const globalLane = () => cluster.probe(cluster.nodeNames, { syncGlobal: true });
  const [before, layers, global]: [number[], number[], number[]] = [[], [], []];
  for (let i = 0; i < count; i++) {
    before.push((await timed(meshAndPg))[1]);
    layers.push((await timed(layersLane))[1]);
    global.push((await timed(globalLane))[1]);
  }
  const p50 = summarize(before)!.p50;
  figures.record(`sweep.${nodes}`, p50, "ms", target);
  figures.record(`sweepLayers.${nodes}`, summarize(layers)!.p50, "ms", `target <= ${Math.round(LAYERS_SWEEP_FACTOR * p50)} ms (${LAYERS_SWEEP_FACTOR} x sweep.${nodes})`);
  figures.record(`sweepGlobalSync.${nodes}`, summarize(global)!.p50, "ms", "its own lane");
}

/** Each layer's heal resolution (p50 over the kills that timed it): the gap between the layer's own looks that bracket its heal. */
export function resolutionsByLayer(figures: Figures, results: readonly KillResult[]): void {
  for (const layer of LAYERS) {
    const resolutions = results.flatMap((r) => r.layers[layer].healResolutionMs ?? []);
    const summary = summarize(resolutions);
    if (summary) figures.record(`healResolutionMsByLayer.${layer}`, summary.p50, "ms", `target <= ${RESOLUTION_TARGET_MS} ms`);
  }
}
