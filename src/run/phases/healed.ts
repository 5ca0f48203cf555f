import { checkGlobal } from "../../checks/global.js";
import { judgeHealthy, requiredGlobalNames, type Baseline, type Health } from "../../checks/healthy.js";
import { LAYERS, type Layer } from "../../checks/layer.js";
import { fullMesh } from "../../checks/mesh.js";
import { runCheck, type CheckResult } from "../../checks/verdict.js";
import type { NodeObservation } from "../../probe/observe-node.js";
import { explainDeadline } from "../../poll.js";
import { pollLanes, type PassingSince } from "../../poll-lanes.js";
import { expectations, observeRecorded, type IterationContext } from "./iteration-context.js";

/** A global:sync() that returned sooner waited for nothing worth dating a heal by (it costs a call to global either way). */
const SYNC_WAITED_MS = 10;

/** When one layer converged and held, by its own looks. */
export interface LayerHeal {
  /** The recovery to the layer's first look of the stretch in which it held. */
  healMs: number;
  /** How precise healMs is: from the layer's look before that one (or the recovery, or the end of that look's own wait for global:sync()) to it. */
  resolutionMs: number;
  /** It held from the first look after the recovery: it may have converged before. */
  fromFirstLook: boolean;
}

export interface Healed {
  checks: CheckResult[];
  health: Health;
  /** The last look of the layers' lane (every layer but global's sync). */
  observations: NodeObservation[];
  /** Each layer converged at its lane's last look: when its unbroken run of passing looks began. */
  layerHeals: Partial<Record<Layer, LayerHeal>>;
  /** Undefined if it never healed. */
  heal?: {
    /** When the first look of the stretch that held arrived, in the last lane to hold (monotonic ms). */
    atMs: number;
    /** The recovery to that look. */
    healMs: number;
    /** How precise healMs is: the resolution of the last layer to converge. */
    resolutionMs: number;
  };
}

/**
 * Phase 5: the cluster heals by itself (nobody pings or connects for it),
 * within the heal deadline: every layer it ran before the fault converged
 * again, and no node reported Mnesia inconsistent since the last heal.
 * Two lanes look concurrently, so each layer is timed at its own pace: the
 * layers' lane (mesh, pg, Mnesia, invariants) reads every node often, and
 * global's lane runs global:sync() on every node before it reads the names,
 * which can block for seconds and so never delays the other layers' looks.
 */
export async function healed(
  ctx: IterationContext,
  fault: { iteration: number; recoveredAtMs: number; eventsSinceMs: number; before: Baseline },
): Promise<Healed> {
  const { cluster, deadlines, history, signal } = ctx;
  const nodes = cluster.nodeNames;
  const expected = expectations(ctx, fault.before);
  const result = await pollLanes<NodeObservation[], CheckResult>(
    [
      {
        observe: () => observeRecorded(ctx, nodes, { eventsSinceMs: fault.eventsSinceMs }),
        judge: (obs) => withoutGlobal(judgeHealthy(obs, nodes, expected, { mesh: "mesh healed" })),
      },
      {
        observe: () => observeRecorded({ cluster, history }, nodes, { syncGlobal: true }),
        judge: (obs) => ({ global: runCheck("global converged", () => checkGlobal("global converged", obs, fullMesh(nodes), requiredGlobalNames(expected, nodes))) }),
        waitedMs: syncWaitedMs,
      },
    ],
    { deadlineMs: deadlines.healMs, stableForMs: deadlines.stableMs, signal, fromMs: fault.recoveredAtMs },
  );
  const health = inLayerOrder(result.checks);
  const layerHeals = Object.fromEntries(Object.entries(result.passingSince).map(([layer, since]) => [layer, layerHeal(since, fault.recoveredAtMs)]));
  const checks = explainDeadline(health, "not healed by itself", deadlines.healMs);
  const observations = result.values[0]!;
  if (!result.passed) return { checks, health, observations, layerHeals };
  // the last layer to converge sets the iteration's heal time, and its resolution
  const last = Object.values(layerHeals).reduce((a, b) => (b.healMs > a.healMs ? b : a));
  const heal = { atMs: result.atMs, healMs: result.atMs - fault.recoveredAtMs, resolutionMs: last.resolutionMs };
  const layers = Object.fromEntries(Object.entries(layerHeals).map(([layer, h]) => [layer, h.healMs]));
  history.record({ process: "checker", type: "info", f: "healed", value: { iteration: fault.iteration, healMs: heal.healMs, resolutionMs: heal.resolutionMs, layers } });
  return { checks, health, observations, layerHeals, heal };
}

/**
 * How long a look of global's lane waited in global:sync(): it returns once
 * global synced, so a sync that waited dates the convergence to its end; one
 * that hit its deadline waited about the whole look.
 */
function syncWaitedMs(observations: readonly NodeObservation[], lookMs: number): number {
  const waits = observations.map((o) => (o.global?.sync === "timeout" ? lookMs : typeof o.global?.sync === "number" && o.global.sync >= SYNC_WAITED_MS ? o.global.sync : 0));
  return Math.max(0, ...waits);
}

function layerHeal({ sinceMs, notBeforeMs, firstLook }: PassingSince, recoveredAtMs: number): LayerHeal {
  return { healMs: Math.max(0, Math.round(sinceMs - recoveredAtMs)), resolutionMs: Math.max(0, Math.round(sinceMs - notBeforeMs)), fromFirstLook: firstLook };
}

function withoutGlobal(health: Health): Omit<Health, "global"> {
  const { global: _judgedInItsOwnLane, ...rest } = health;
  return rest;
}

/** The lanes' checks in the layers' order (mesh first), as every other judgement lists them. */
function inLayerOrder(checks: Record<string, CheckResult>): Health {
  return Object.fromEntries(LAYERS.flatMap((layer) => (checks[layer] ? [[layer, checks[layer]]] : []))) as Health;
}
