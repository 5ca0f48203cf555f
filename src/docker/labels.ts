/** Labels on everything meshproof creates: what `down` sweeps by, and what `check --run` reads back. */
export const LABEL_RUN = "meshproof.run";
export const LABEL_NODE = "meshproof.node";
export const LABEL_PG_SCOPE = "meshproof.pg-scope";
export const LABEL_PG_GROUPS = "meshproof.pg-groups";
/** "true" on the nodes of meshproof's own image: they run its agent (so `check --run` expects the agent's global names). */
export const LABEL_AGENT = "meshproof.agent";
/** escript's path in a user's image without escript on its PATH (so `check --run` can start the probe). */
export const LABEL_ESCRIPT = "meshproof.escript";
/** A TLS cluster's ssl_dist_optfile, a path in the containers (so `check --run` gives the probe the same options); never the certificates. */
export const LABEL_DIST_OPTFILE = "meshproof.dist-optfile";

/** On swarm: the --node-api values the run was started with (engine URLs, never credentials), so `check --run` reaches the same engines. */
export const LABEL_NODE_API = "meshproof.node-api";

/** The label filter of one run, or of every run ("all": no run id is ever that). */
export function runLabelFilter(runId: string | "all"): string {
  return runId === "all" ? LABEL_RUN : `${LABEL_RUN}=${runId}`;
}
