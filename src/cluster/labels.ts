/** Labels on everything meshproof creates: what `down` sweeps by, and what `check --run` reads back. */
export const LABEL_RUN = "meshproof.run";
export const LABEL_NODE = "meshproof.node";
export const LABEL_PG_SCOPE = "meshproof.pg-scope";
export const LABEL_PG_GROUPS = "meshproof.pg-groups";

export function runLabelFilter(runId: string): string {
  return `${LABEL_RUN}=${runId}`;
}
