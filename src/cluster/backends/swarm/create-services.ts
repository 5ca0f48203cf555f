import pLimit from "p-limit";
import type { ClusterOptions } from "../../../config/cluster-options.js";
import { nodeEnv } from "../../node-env.js";
import { COOKIE_SECRET, COOKIE_SECRET_PATH, newCookie } from "../../cookie.js";
import { LABEL_AGENT, LABEL_NODE, LABEL_NODE_API, LABEL_PG_GROUPS, LABEL_PG_SCOPE, LABEL_RUN } from "../../../docker/labels.js";
import type { ClusterNode } from "../../cluster-node.js";
import { createOverlayNetwork, createSecret, createService, isSwarmManager } from "../../../docker/swarm.js";
import { UsageError } from "../../../errors.js";

const CREATES_AT_ONCE = 8;

/** Only a manager may create services and say where their tasks run. */
export async function requireSwarmManager(): Promise<void> {
  if (!(await isSwarmManager())) {
    throw new UsageError("--engine swarm: this Docker engine is not a swarm manager; run `docker swarm init` (one machine) or point DOCKER_HOST at a manager");
  }
}

/**
 * The swarm side of a cluster's start: an attachable overlay network, the
 * cookie as a swarm secret (never in a spec, an argument or a report), and a
 * one-replica service per node, all labeled with the run.
 */
export async function createServices(cluster: { runId: string; network: string; nodes: readonly ClusterNode[] }, imageOf: (node: ClusterNode) => string, options: ClusterOptions): Promise<void> {
  const runLabel = { [LABEL_RUN]: cluster.runId };
  const networkId = await createOverlayNetwork(cluster.network, runLabel);
  const secretName = `${cluster.network}-cookie`;
  const secretId = await createSecret(secretName, newCookie(), runLabel);
  const labels = {
    ...runLabel,
    [LABEL_PG_SCOPE]: options.pgScope,
    [LABEL_PG_GROUPS]: JSON.stringify(options.pgGroups),
    // swarm runs meshproof's image only
    [LABEL_AGENT]: "true",
    ...(options.nodeApi ? { [LABEL_NODE_API]: JSON.stringify(options.nodeApi) } : {}),
  };
  const limit = pLimit(CREATES_AT_ONCE);
  await Promise.all(
    cluster.nodes.map((node) =>
      limit(() =>
        createService({
          name: node.containerName,
          image: imageOf(node),
          hostname: node.host,
          networkId,
          aliases: [node.host],
          env: { ...nodeEnv(node, cluster.nodes, options), MESHPROOF_COOKIE_FILE: COOKIE_SECRET_PATH },
          labels: { ...labels, [LABEL_NODE]: node.name },
          secret: { id: secretId, name: secretName, target: COOKIE_SECRET },
          // lets the network faults' execs (iptables) change the node's own network namespace
          capAdd: ["CAP_NET_ADMIN"],
        }),
      ),
    ),
  );
}
