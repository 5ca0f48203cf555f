import type { ClusterOptions } from "../config/cluster-options.js";
import type { ClusterNode } from "./cluster-node.js";

/** The node agent's settings (erlang/agent/meshproof_agent_config.erl reads them). */
export function nodeEnv(node: ClusterNode, all: readonly ClusterNode[], options: ClusterOptions): Record<string, string> {
  return {
    MESHPROOF_NODE: node.name,
    MESHPROOF_PEERS: all.map((n) => n.name).join(" "),
    MESHPROOF_RECONNECT_MS: String(options.agentReconnect),
    MESHPROOF_NET_TICKTIME: String(options.netTicktime),
    MESHPROOF_PREVENT_OVERLAPPING_PARTITIONS: String(options.preventOverlappingPartitions),
    MESHPROOF_PG_SCOPE: options.pgScope,
    MESHPROOF_PG_REJOIN: options.pgRejoin,
    MESHPROOF_PG_GROUPS: Object.entries(options.pgGroups)
      .map(([group, count]) => `${group}:${count}`)
      .join(","),
  };
}
