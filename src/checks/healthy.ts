import type { Invariant } from "../config/invariants.js";
import type { NodeObservation } from "../probe/observe-node.js";
import { agentGlobalNames } from "./agent-global-names.js";
import { checkGlobal } from "./global.js";
import { checkInvariants } from "./invariants.js";
import type { Layer } from "./layer.js";
import { checkMesh, fullMesh } from "./mesh.js";
import { checkMnesia, mnesiaPresent } from "./mnesia.js";
import { checkPg, pgPresent, pgScopesOf, type PgExpectation } from "./pg.js";
import { runCheck, type CheckResult } from "./verdict.js";

/**
 * A cluster's health by layer: the mesh always, and each layer above it that
 * runs there. A layer absent from the record is "not present" (a type, not
 * an interface, so it is a Judged record).
 */
export type Health = { mesh: CheckResult } & { [L in Exclude<Layer, "mesh">]?: CheckResult };

/** What the cluster ran when it was last whole: each layer found then, and each node's pg scopes, which a heal must bring back. */
export interface Baseline {
  layers: ReadonlySet<Layer>;
  pgScopes: ReadonlyMap<string, ReadonlySet<string>>;
}

/** What the layers are held to, beyond what is found on the nodes. */
export interface LayerExpectations {
  pg: PgExpectation;
  invariants: readonly Invariant[];
  before?: Baseline | undefined;
  /** The nodes run meshproof's agent, whose global names every live node must hold. */
  agentNames?: boolean | undefined;
}

const NAMES: Record<Layer, string> = {
  mesh: "mesh",
  pg: "pg converged",
  global: "global converged",
  mnesia: "mnesia converged",
  invariants: "invariants hold",
};

/**
 * Healthy: every layer present converged on the live nodes, judged from one
 * look at each (the full mesh on every node, pg over it, global, Mnesia,
 * the user's invariants). `names` renames checks for a phase ("mesh healed").
 */
export function judgeHealthy(
  observations: readonly NodeObservation[],
  live: readonly string[],
  expected: LayerExpectations,
  names: Partial<Record<Layer, string>> = {},
): Health {
  const plan = fullMesh(live);
  const before = expected.before;
  const name = (layer: Layer) => names[layer] ?? NAMES[layer];
  const health: Health = { mesh: runCheck(name("mesh"), () => checkMesh(name("mesh"), observations, plan)) };
  if (before?.layers.has("pg") || pgPresent(observations, expected.pg)) {
    health.pg = runCheck(name("pg"), () => checkPg(name("pg"), observations, plan, expected.pg, before?.pgScopes));
  }
  health.global = runCheck(name("global"), () => checkGlobal(name("global"), observations, plan, requiredGlobalNames(expected, live)));
  if (before?.layers.has("mnesia") || mnesiaPresent(observations)) {
    health.mnesia = runCheck(name("mnesia"), () => checkMnesia(name("mnesia"), observations, plan));
  }
  if (expected.invariants.length) {
    health.invariants = runCheck(name("invariants"), () => checkInvariants(name("invariants"), observations, plan, expected.invariants));
  }
  return health;
}

/** The layers a judgement found, and the pg scopes of the look it judged: what a later heal is held to. */
export function baselineOf(health: Health, observations: readonly NodeObservation[]): Baseline {
  return { layers: new Set(Object.keys(health) as Layer[]), pgScopes: pgScopesOf(observations) };
}

/** The expectations of a cluster's options (its pg scope and member counts), with the user's invariants. */
export function expectationsOf(
  options: { pgScope: string; pgGroups: Readonly<Record<string, number>>; agent?: boolean | undefined },
  invariants: readonly Invariant[] = [],
  before?: Baseline,
): LayerExpectations {
  return { pg: { scope: options.pgScope, membersPerNode: options.pgGroups }, invariants, before, agentNames: options.agent };
}

/** The global names the live nodes must hold: their agents' on meshproof's image, none elsewhere. */
export function requiredGlobalNames(expected: Pick<LayerExpectations, "agentNames">, live: readonly string[]): string[] {
  return expected.agentNames ? agentGlobalNames(live) : [];
}
