import { z } from "zod";
import { expectationsOf, judgeHealthy } from "../../checks/healthy.js";
import { LAYERS, NOT_PRESENT, type Layer } from "../../checks/layer.js";
import { invariantFromFlag, invariantSchema, type Invariant } from "../../config/invariants.js";
import { worstVerdict, type CheckResult } from "../../checks/verdict.js";
import type { Cluster } from "../../cluster/cluster.js";
import { openCluster } from "../../cluster/open/open-cluster.js";
import { clusterFieldsSchema, clusterOptionsSchema } from "../../config/cluster-options.js";
import { UsageError } from "../../errors.js";
import { attachOptionsOf, type AttachFlags } from "../attach-flags.js";
import { positiveDurationMs } from "../../config/duration.js";
import { parseInput } from "../../config/parse.js";
import { pgGroupsSchema, pgScopeSchema } from "../../config/pg-options.js";
import { plainTable } from "../../report/plain-table.js";
import { reachabilityAfterMesh } from "../../run/reachability-after-mesh.js";
import { exitCodeFor } from "../exit-codes.js";
import { flagName } from "../flags.js";
import type { CommandContext } from "../command-context.js";

const checkSchema = z.object({
  run: z.string().regex(/^[a-z0-9]+$/, "a run id as printed by meshproof up").optional(),
  probeTimeout: positiveDurationMs.default(10_000),
  /** Unset: the cluster's labels say (meshproof up and compose files set them), else the defaults. */
  pgScope: pgScopeSchema.optional(),
  pgGroups: pgGroupsSchema.optional(),
  invariant: z.array(z.string().transform(invariantFromFlag).pipe(invariantSchema)).default([]),
  /** With --attach (a run of meshproof up says its own in its labels). */
  dist: clusterFieldsSchema.shape.dist,
  distOptfile: clusterFieldsSchema.shape.distOptfile,
});

/** The flags of check as options, every bad one named by its flag. */
export function checkOptionsOf(raw: z.input<typeof checkSchema>): z.output<typeof checkSchema> {
  const { run, probeTimeout, pgScope, pgGroups, invariant, dist, distOptfile } = raw;
  return parseInput(checkSchema, { run, probeTimeout, pgScope, pgGroups, invariant, dist, distOptfile }, flagName);
}

/**
 * `meshproof check --run ID` (or `--attach ...`): probe a running cluster once
 * and print a verdict per check. The mesh is judged from nodes() first; the
 * ping matrix runs only if it passed, since pings would repair what is being
 * checked.
 */
export async function checkCommand(raw: z.input<typeof checkSchema> & AttachFlags, ctx: CommandContext): Promise<number> {
  const { run, probeTimeout, pgScope, pgGroups, invariant, dist, distOptfile } = checkOptionsOf(raw);
  const attach = attachOptionsOf(raw);
  if ((run === undefined) === (attach === undefined)) throw new UsageError("give exactly one of --run ID or --attach SELECTOR");
  if (run !== undefined && (raw.dist !== undefined || distOptfile !== undefined)) throw new UsageError("--dist and --dist-optfile apply with --attach: a run of meshproof up keeps its own in its labels");
  const cluster = await openCluster(
    attach
      ? { attach: { ...attach, pg: { pgScope, pgGroups } }, cluster: { ...clusterOptionsSchema.parse({ dist, distOptfile }), probeTimeout }, progress: ctx.progress }
      : { run: run!, probeTimeout, pg: { pgScope, pgGroups } },
  );
  try {
    return await checkOnce(cluster, invariant, ctx);
  } finally {
    await cluster.detach();
  }
}

/** One look at every layer (a layer not running there is "not present"), then the ping matrix if the mesh is whole. */
async function checkOnce(cluster: Cluster, invariants: readonly Invariant[], ctx: CommandContext): Promise<number> {
  await cluster.openProbes();
  const observations = await cluster.probe(cluster.nodeNames, { syncGlobal: true, invariants: invariants.map((i) => i.expr) });
  const health = judgeHealthy(observations, cluster.nodeNames, expectationsOf(cluster.options, invariants));
  const reachability = await reachabilityAfterMesh(cluster, health.mesh);

  const table = plainTable(["check", "verdict", "detail"], { colWidths: [18, 13, 80] });
  for (const layer of LAYERS) {
    const check = health[layer];
    table.push(check ? [layer, check.verdict, check.detail] : [layer, NOT_PRESENT, notPresentWhy(layer)]);
  }
  table.push([reachability.name, reachability.verdict, reachability.detail]);
  ctx.out(table.toString());
  // the table wraps details; a stuck global's explanation and remedy are worth one unbroken line
  if (health.global?.globalStuck) ctx.out(health.global.detail);
  const checks: CheckResult[] = [...Object.values(health), reachability];
  const verdict = worstVerdict(checks.map((c) => c.verdict));
  ctx.out(`verdict: ${verdict}`);
  return exitCodeFor(verdict);
}

function notPresentWhy(layer: Layer): string {
  if (layer === "invariants") return "no invariant given (--invariant RULE:EXPRESSION)";
  if (layer === "mnesia") return "Mnesia runs on no node";
  return "no pg scope runs on any node";
}
