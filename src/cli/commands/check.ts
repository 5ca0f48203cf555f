import { z } from "zod";
import { judgeHealthy } from "../../checks/healthy.js";
import { worstVerdict, type CheckResult } from "../../checks/verdict.js";
import { attachCluster } from "../../cluster/backends/attach/attach-cluster.js";
import { findRun } from "../../cluster/find-run.js";
import { clusterOptionsSchema } from "../../config/cluster-options.js";
import { UsageError } from "../../errors.js";
import { attachOptionsOf, type AttachFlags } from "../attach-flags.js";
import type { StartedCluster } from "../../cluster/started-cluster.js";
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
});

/** The flags of check as options, every bad one named by its flag. */
export function checkOptionsOf(raw: z.input<typeof checkSchema>): z.output<typeof checkSchema> {
  const { run, probeTimeout, pgScope, pgGroups } = raw;
  return parseInput(checkSchema, { run, probeTimeout, pgScope, pgGroups }, flagName);
}

/**
 * `meshproof check --run ID` (or `--attach ...`): probe a running cluster once
 * and print a verdict per check. The mesh is judged from nodes() first; the
 * ping matrix runs only if it passed, since pings would repair what is being
 * checked.
 */
export async function checkCommand(raw: z.input<typeof checkSchema> & AttachFlags, ctx: CommandContext): Promise<number> {
  const { run, probeTimeout, pgScope, pgGroups } = checkOptionsOf(raw);
  const attach = attachOptionsOf(raw);
  if ((run === undefined) === (attach === undefined)) throw new UsageError("give exactly one of --run ID or --attach SELECTOR");
  const cluster = attach
    ? await attachCluster({ ...attach, pg: { pgScope, pgGroups } }, { ...clusterOptionsSchema.parse({}), probeTimeout }, ctx.progress)
    : await findRun(run!, probeTimeout, { pgScope, pgGroups });
  try {
    return await checkOnce(cluster, ctx);
  } finally {
    await cluster.detach();
  }
}

async function checkOnce(cluster: StartedCluster, ctx: CommandContext): Promise<number> {
  await cluster.openProbes();
  const observations = await cluster.probe();
  const health = judgeHealthy(observations, cluster.nodeNames, cluster.options.pgGroups);
  const checks: CheckResult[] = [health.mesh, health.pg, await reachabilityAfterMesh(cluster, health.mesh)];

  const table = plainTable(["check", "verdict", "detail"], { colWidths: [16, 9, 80] });
  for (const check of checks) table.push([check.name, check.verdict, check.detail]);
  ctx.out(table.toString());
  const verdict = worstVerdict(checks.map((c) => c.verdict));
  ctx.out(`verdict: ${verdict}`);
  return exitCodeFor(verdict);
}
