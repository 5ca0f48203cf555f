/** One Erlang node of a cluster: node name app@nK in container <prefix>-nK with hostname nK. */
export interface ClusterNode {
  /** The Erlang node name, e.g. app@n1. */
  name: string;
  /** Hostname and network alias, e.g. n1. */
  host: string;
  containerName: string;
}

/** The Erlang node names of a cluster of `count` nodes: app@n1 .. app@nN, whatever the run. */
export function nodeNames(count: number): string[] {
  return clusterNodes("", count).map((node) => node.name);
}

export function clusterNodes(runId: string, count: number): ClusterNode[] {
  return Array.from({ length: count }, (_, i) => {
    const host = `n${i + 1}`;
    return { name: `app@${host}`, host, containerName: `meshproof-${runId}-${host}` };
  });
}

export function networkName(runId: string): string {
  return `meshproof-${runId}`;
}
