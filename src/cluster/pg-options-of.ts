import type { ClusterOptions } from "../config/cluster-options.js";
import { LABEL_PG_GROUPS, LABEL_PG_SCOPE } from "../docker/labels.js";

export type PgOptions = Pick<ClusterOptions, "pgScope" | "pgGroups">;

/**
 * The pg scope and groups the checks read from a cluster found running: what
 * the user named, else what its containers' labels say, else the fallback.
 */
export function pgOptionsOf(labels: Readonly<Record<string, string>>, given: Partial<PgOptions>, fallback: PgOptions): PgOptions {
  const labelled = labels[LABEL_PG_GROUPS];
  return {
    pgScope: given.pgScope ?? labels[LABEL_PG_SCOPE] ?? fallback.pgScope,
    pgGroups: given.pgGroups ?? (labelled ? (JSON.parse(labelled) as Record<string, number>) : fallback.pgGroups),
  };
}
