import { listContainers } from "../docker/containers.js";
import { UsageError } from "../errors.js";
import { LABEL_NODE, LABEL_PG_GROUPS, LABEL_PG_SCOPE, runLabelFilter } from "./labels.js";
import { StartedCluster } from "./started-cluster.js";

/** The cluster of an earlier `meshproof up`, rebuilt from its containers' labels. */
export async function findRun(runId: string, probeTimeout: number): Promise<StartedCluster> {
  const containers = await listContainers([runLabelFilter(runId)]);
  const first = containers[0];
  if (!first) throw new UsageError(`--run ${runId}: no such run (no container carries label ${runLabelFilter(runId)})`);
  const nodes = containers
    .map((c) => {
      const name = c.labels[LABEL_NODE] ?? "";
      return { name, host: name.split("@")[1] ?? "", containerName: c.name };
    })
    .sort((a, b) => a.host.localeCompare(b.host, "en", { numeric: true }));
  return new StartedCluster(runId, nodes, {
    pgScope: first.labels[LABEL_PG_SCOPE] ?? "meshproof",
    pgGroups: JSON.parse(first.labels[LABEL_PG_GROUPS] ?? "{}") as Record<string, number>,
    probeTimeout,
    probeMode: "session",
  });
}
