import { z } from "zod";
import { isPattern, parseEngineUrl, PATTERN_FIELDS } from "../engine-address.js";

/**
 * How meshproof reaches the engine of each swarm node (--node-api): a
 * pattern filled with each node's facts (tcp://{addr}:2375), and/or one URL
 * per node named by its hostname or ID (NODE=URL), which wins over the pattern.
 */
export interface NodeApi {
  pattern?: string;
  byNode: Record<string, string>;
}

const NAMED = /^([A-Za-z0-9][A-Za-z0-9._-]*)=(.+)$/;
/** Stand-ins that let a pattern be checked as a URL before any node is known. */
const EXAMPLE_NODE = { id: "id", hostname: "host", addr: "192.0.2.1" };

/** The values as given, split into the pattern and the per-node URLs; throws naming the value that does not fit. */
export function nodeApiOf(values: readonly string[]): NodeApi {
  const api: NodeApi = { byNode: {} };
  for (const value of values) {
    const named = NAMED.exec(value);
    if (named) {
      const [, node, url] = named as unknown as [string, string, string];
      if (node in api.byNode) throw new Error(`${value}: swarm node ${node} is given twice`);
      parseEngineUrl(url);
      api.byNode[node] = url;
    } else if (isPattern(value)) {
      if (api.pattern !== undefined) throw new Error(`${value}: only one pattern may be given (there is ${api.pattern} already); name other nodes with NODE=URL`);
      parseEngineUrl(value.replace(/\{(addr|hostname|id)\}/g, (_, field: (typeof PATTERN_FIELDS)[number]) => EXAMPLE_NODE[field]));
      api.pattern = value;
    } else {
      throw new Error(`${value} names no swarm node: give NODE=URL (NODE a swarm node's hostname or ID), or a pattern with {addr}, {hostname} or {id}, e.g. tcp://{addr}:2375`);
    }
  }
  return api;
}

/** --node-api's values as a scenario holds them (a single string is one value); each checked by nodeApiOf. */
export const nodeApiSchema = z
  .union([z.string().min(1).transform((value) => [value]), z.array(z.string().min(1)).min(1)])
  .superRefine((values, ctx) => {
    try {
      nodeApiOf(values);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  });
