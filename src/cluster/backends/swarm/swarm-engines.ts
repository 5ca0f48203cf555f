import { defaultEngine, engineAt, type EngineHandle } from "../../../docker/client.js";
import { describeAddress, parseEngineUrl } from "../../../engine-address.js";
import { swarmNodeIdOf, swarmNodes, type SwarmNode } from "../../../docker/swarm.js";
import { nodeApiOf } from "../../../config/node-api.js";
import { errorMessage, HarnessError } from "../../../errors.js";
import { engineUrlFor, unreachableMessage } from "./engine-url-for.js";

/** The engines of a swarm's nodes, each reached once, and proven to be the swarm node it is taken for. */
export interface SwarmEngines {
  /** The engine of a swarm node; throws, saying what to do, where meshproof cannot reach it. `what` names who needs it in the message. */
  engineOf(nodeId: string, what: string): Promise<EngineHandle>;
  /** A swarm node's hostname, as the manager knows it. */
  hostnameOf(nodeId: string): Promise<string>;
  /** Every node the scheduler may put a task on, with its engine (undefined where meshproof has no way to reach it). */
  schedulable(): Promise<{ node: SwarmNode; engine: EngineHandle | undefined }[]>;
}

/** Reaches each swarm node's engine as --node-api says; without it, only the manager's (the engine meshproof talks to). */
export function swarmEngines(nodeApi: readonly string[] | undefined): SwarmEngines {
  const api = nodeApi ? nodeApiOf(nodeApi) : undefined;
  const engines = new Map<string, Promise<EngineHandle | undefined>>();
  let managerId: Promise<string> | undefined;
  let nodes: Promise<SwarmNode[]> | undefined;

  async function node(nodeId: string): Promise<SwarmNode> {
    nodes ??= swarmNodes();
    let found = (await nodes).find((n) => n.id === nodeId);
    if (!found) {
      // a node that joined since the list was read
      nodes = swarmNodes();
      found = (await nodes).find((n) => n.id === nodeId);
    }
    if (!found) throw new HarnessError(`swarm node ${nodeId} is not in the manager's list of nodes`);
    return found;
  }

  async function reach(swarmNode: SwarmNode): Promise<EngineHandle | undefined> {
    managerId ??= swarmNodeIdOf(defaultEngine());
    const where = engineUrlFor(swarmNode, api, await managerId);
    if (where === "unreachable") return undefined;
    if (where === "manager") return defaultEngine();
    const address = parseEngineUrl(where.url, process.env);
    const engine = engineAt(address);
    let answeredAs: string;
    try {
      answeredAs = await swarmNodeIdOf(engine);
    } catch (error) {
      throw new HarnessError(`--node-api: swarm node ${swarmNode.hostname}'s engine at ${describeAddress(address)} did not answer: ${errorMessage(error)}`);
    }
    // a pattern filled wrongly would otherwise send kills to the wrong containers
    if (answeredAs !== swarmNode.id) {
      throw new HarnessError(`--node-api: the engine at ${describeAddress(address)} is swarm node ${answeredAs || "(none: in no swarm)"}, not ${swarmNode.hostname} (${swarmNode.id})`);
    }
    return engine;
  }

  function engineOfNode(swarmNode: SwarmNode): Promise<EngineHandle | undefined> {
    let engine = engines.get(swarmNode.id);
    if (!engine) {
      engine = reach(swarmNode);
      engines.set(swarmNode.id, engine);
      // a failed attempt is not remembered: the next question tries again
      engine.catch(() => engines.delete(swarmNode.id));
    }
    return engine;
  }

  return {
    async engineOf(nodeId, what) {
      const swarmNode = await node(nodeId);
      const engine = await engineOfNode(swarmNode);
      if (!engine) throw new HarnessError(unreachableMessage(swarmNode, what));
      return engine;
    },
    hostnameOf: async (nodeId) => (await node(nodeId)).hostname,
    async schedulable() {
      nodes = swarmNodes();
      const all = (await nodes).filter((n) => n.schedulable);
      return Promise.all(all.map(async (n) => ({ node: n, engine: await engineOfNode(n) })));
    },
  };
}
