import { listContainers } from "../../docker/containers.js";
import { isSwarmManager, listServices } from "../../docker/swarm.js";
import { UsageError } from "../../errors.js";
import { swarmBackend } from "../backends/swarm/swarm-backend.js";
import { swarmEngines } from "../backends/swarm/swarm-engines.js";
import { dockerBackend } from "../backends/docker-backend.js";
import { LABEL_AGENT, LABEL_DIST_OPTFILE, LABEL_ESCRIPT, LABEL_NODE, LABEL_NODE_API, runLabelFilter } from "../../docker/labels.js";
import { probeDistEnv } from "../tls/dist-optfile.js";
import { pgOptionsOf, type PgOptions } from "../pg-options-of.js";
import { StartedCluster } from "../started-cluster.js";

/**
 * The cluster of an earlier `meshproof up` (containers or swarm services),
 * rebuilt from its labels; a pg scope or groups the user names win over them.
 */
export async function findRun(runId: string, probeTimeout: number, pg: Partial<PgOptions> = {}): Promise<StartedCluster> {
  const filter = runLabelFilter(runId);
  const services = (await isSwarmManager()) ? await listServices([filter]) : [];
  const swarm = services.length > 0;
  const found = swarm ? services : await listContainers([filter]);
  const first = found[0];
  if (!first) throw new UsageError(`--run ${runId}: no such run (no container or service carries label ${filter})`);
  const nodes = found
    .map((c) => {
      const name = c.labels[LABEL_NODE] ?? "";
      return { name, host: name.split("@")[1] ?? "", containerName: c.name };
    })
    .sort((a, b) => a.host.localeCompare(b.host, "en", { numeric: true }));
  const options = {
    ...pgOptionsOf(first.labels, pg, { pgScope: "meshproof", pgGroups: {} }),
    probeTimeout,
    probeMode: "session" as const,
    agent: first.labels[LABEL_AGENT] === "true",
  };
  const escript = first.labels[LABEL_ESCRIPT];
  const env = probeDistEnv(first.labels[LABEL_DIST_OPTFILE]);
  // how `up` reached the swarm's nodes (--node-api), so that `check --run` reaches them the same way
  const nodeApi = first.labels[LABEL_NODE_API];
  const backend = swarm ? swarmBackend(runId, swarmEngines(nodeApi ? (JSON.parse(nodeApi) as string[]) : undefined)) : dockerBackend(runId, { escript, env });
  return new StartedCluster(runId, nodes, options, backend);
}
