import { setTimeout as sleep } from "node:timers/promises";
import type { ClusterBackend } from "../../cluster-backend.js";
import { networkName, type ClusterNode } from "../../cluster-node.js";
import { removeRuns } from "../../remove-run.js";
import { containerByName, containerState, startContainer, type ContainerState } from "../../../docker/containers.js";
import { isGone } from "../../../docker/gone.js";
import { serviceTasks } from "../../../docker/swarm.js";
import { HarnessError } from "../../../errors.js";
import type { SwarmEngines } from "./swarm-engines.js";
import { currentTask } from "./current-task.js";

const PLACEMENT_POLL_MS = 500;

export interface SwarmBackend extends ClusterBackend {
  /**
   * Waits until swarm has put every node's task on a swarm node, and reaches
   * the engine of each of those nodes: a task on a host meshproof cannot
   * reach is refused here, by name, before anything waits on it.
   */
  requirePlacedAndReachable(nodes: readonly ClusterNode[], deadlineMs: number): Promise<void>;
}

/**
 * A node per swarm service (named like a docker node's container): swarm
 * restarts whatever ends, so the harness restarts nothing. A restart is a new
 * task with a new container, maybe on another host; the tasks seen so far
 * (with when swarm created them) are remembered because swarm keeps only the
 * last few in its history. Every container operation goes to the engine of
 * the swarm node that runs the task.
 */
export function swarmBackend(runId: string, engines: SwarmEngines): SwarmBackend {
  const tasksSeen = new Map<string, Map<string, number>>();

  async function tasksOf(node: ClusterNode) {
    const tasks = await serviceTasks(node.containerName);
    const seen = tasksSeen.get(node.name) ?? new Map<string, number>();
    for (const task of tasks) seen.set(task.id, task.createdAtMs);
    tasksSeen.set(node.name, seen);
    return { ...currentTask(tasks), created: [...seen.values()].sort((a, b) => a - b) };
  }

  async function container(node: ClusterNode) {
    const { containerId, nodeId } = await tasksOf(node);
    // a service without any container yet is named by the service: the engine answers "no such container"
    if (!containerId || !nodeId) return containerByName(node.containerName);
    return containerByName(containerId, await engines.engineOf(nodeId, `${node.name}'s task`));
  }

  return {
    kind: "swarm",
    network: networkName(runId),
    restarter: "swarm",
    container,
    async state(node): Promise<ContainerState> {
      const { containerId, nodeId, state } = await tasksOf(node);
      const none = { id: "", running: false, paused: false, status: state, exitCode: 0, startedAtMs: 0, addresses: {}, cpus: null };
      if (!containerId || !nodeId) return none;
      try {
        return await containerState(containerByName(containerId, await engines.engineOf(nodeId, `${node.name}'s task`)));
      } catch (error) {
        if (isGone(error)) return none;
        throw error;
      }
    },
    start: async (node) => startContainer(await container(node)),
    // every task after the first replaced one that ended; swarm restarts without delay (the services' policy)
    async engineRestarts(node, sinceMs) {
      const { created } = await tasksOf(node);
      return { atMs: created.slice(1).filter((atMs) => atMs >= sinceMs), nextBackoffMs: 0 };
    },
    async hosts(nodes) {
      return Object.fromEntries(
        await Promise.all(nodes.map(async (node) => {
          const { nodeId } = await tasksOf(node);
          return [node.name, nodeId ? await engines.hostnameOf(nodeId) : ""] as const;
        })),
      );
    },
    async requirePlacedAndReachable(nodes, deadlineMs) {
      const deadline = Date.now() + deadlineMs;
      for (const node of nodes) {
        let { nodeId } = await tasksOf(node);
        while (!nodeId) {
          if (Date.now() > deadline) throw new HarnessError(`swarm placed no task of ${node.name} (service ${node.containerName}) on a node within ${deadlineMs / 1000} s`);
          await sleep(PLACEMENT_POLL_MS);
          ({ nodeId } = await tasksOf(node));
        }
        await engines.engineOf(nodeId, `${node.name}'s task`);
      }
    },
    close: () => {},
    probeLaunch: () => ({}),
    // its own containers, which remove() takes with all they hold
    release: async () => [],
    remove: async () => {
      await removeRuns(runId);
    },
  };
}
