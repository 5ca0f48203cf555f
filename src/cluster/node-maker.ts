import type { ClusterOptions } from "../config/cluster-options.js";
import { putFiles, type FileEntry } from "../docker/archive.js";
import type { ContainerHandle } from "../docker/client.js";
import { createContainer } from "../docker/containers.js";
import { LABEL_AGENT, LABEL_DIST_OPTFILE, LABEL_ESCRIPT, LABEL_NODE, LABEL_PG_GROUPS, LABEL_PG_SCOPE, LABEL_RUN } from "../docker/labels.js";
import { networkName, type ClusterNode } from "./cluster-node.js";
import { nodeEnv } from "./node-env.js";

/** How each node's container is made: its image, what replaces the image's start command, and what goes in before it starts. */
export interface NodeRecipe {
  image(index: number): string;
  start?(node: ClusterNode, all: readonly ClusterNode[]): { entrypoint: string[]; cmd: string[] };
  env: Record<string, string>;
  files(cookie: string, index: number): FileEntry[];
  /** The ssl_dist_optfile in the containers of a TLS cluster, which the probe's VM takes too. */
  distOptfile?: string | undefined;
}

/** Makes (does not start) the container of one of a run's nodes: the first ones, and any that replaces one later. */
export type NodeMaker = (node: ClusterNode) => Promise<ContainerHandle>;

/**
 * Every node's container alike but for the node: on the run's network under
 * the node's hostname and alias, with its labels, environment and files (the
 * run's cookie, its TLS files), docker's init, the restart policy and NET_ADMIN.
 */
export function nodeMaker(runId: string, nodes: readonly ClusterNode[], recipe: NodeRecipe, options: ClusterOptions, cookie: string): NodeMaker {
  const labels = {
    [LABEL_RUN]: runId,
    [LABEL_PG_SCOPE]: options.pgScope,
    [LABEL_PG_GROUPS]: JSON.stringify(options.pgGroups),
    ...(options.image === undefined ? { [LABEL_AGENT]: "true" } : {}),
    ...(options.escript ? { [LABEL_ESCRIPT]: options.escript } : {}),
    ...(recipe.distOptfile ? { [LABEL_DIST_OPTFILE]: recipe.distOptfile } : {}),
  };
  return async (node) => {
    const index = nodes.findIndex((n) => n.name === node.name);
    const container = await createContainer({
      name: node.containerName,
      image: recipe.image(index),
      ...recipe.start?.(node, nodes),
      hostname: node.host,
      network: networkName(runId),
      aliases: [node.host],
      env: { ...nodeEnv(node, nodes, options), ...recipe.env },
      labels: { ...labels, [LABEL_NODE]: node.name },
      init: true,
      restartPolicy: "on-failure",
      // lets the network faults' execs (iptables, tc) change the node's own network namespace
      capAdd: ["NET_ADMIN"],
    });
    await putFiles(container, recipe.files(cookie, index));
    return container;
  };
}
