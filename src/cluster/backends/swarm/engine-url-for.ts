import { fillPattern } from "../../../engine-address.js";
import type { SwarmNode } from "../../../docker/swarm.js";
import type { NodeApi } from "../../../config/node-api.js";

/**
 * Which engine API runs a swarm node's containers: the URL --node-api gives it
 * by name (hostname or ID), else the engine meshproof already talks to when
 * that is the node itself (the manager), else the pattern filled with the
 * node's facts; "unreachable" when none of these applies.
 */
export function engineUrlFor(node: SwarmNode, api: NodeApi | undefined, managerId: string): { url: string } | "manager" | "unreachable" {
  const named = api?.byNode[node.hostname] ?? api?.byNode[node.id];
  if (named !== undefined) return { url: named };
  if (node.id === managerId) return "manager";
  if (api?.pattern !== undefined) return { url: fillPattern(api.pattern, node) };
  return "unreachable";
}

/** Why a node's container cannot be reached, and what to give meshproof so that it can. */
export function unreachableMessage(node: SwarmNode, what: string): string {
  return (
    `${what} runs on swarm node ${node.hostname} (${node.addr || node.id}), whose engine meshproof does not reach: ` +
    `it drives one engine (DOCKER_HOST, the manager) unless --node-api says how to reach the others, ` +
    `e.g. --node-api 'tcp://{addr}:2375' or --node-api ${node.hostname}=ssh://USER@${node.addr || node.hostname}`
  );
}
