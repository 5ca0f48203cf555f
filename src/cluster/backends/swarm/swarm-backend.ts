import type { ClusterBackend } from "../cluster-backend.js";
import { networkName, type ClusterNode } from "../../cluster-node.js";
import { removeRuns } from "../../remove-run.js";
import { containerByName, containerState, startContainer, type ContainerState } from "../../../docker/containers.js";
import { isGone } from "../../../docker/gone.js";
import { serviceTasks } from "../../../docker/swarm.js";

/**
 * A node per swarm service (named like a docker node's container): swarm
 * restarts whatever ends, so the harness restarts nothing. A restart is a new
 * task with a new container; the tasks seen so far (with when swarm created
 * them) are remembered because swarm keeps only the last few in its history.
 */
export function swarmBackend(runId: string): ClusterBackend {
  const tasksSeen = new Map<string, Map<string, number>>();

  async function tasksOf(node: ClusterNode) {
    const tasks = await serviceTasks(node.containerName);
    const seen = tasksSeen.get(node.name) ?? new Map<string, number>();
    for (const task of tasks) seen.set(task.id, task.createdAtMs);
    tasksSeen.set(node.name, seen);
    // the running task's container, else the newest one's (which can then say it is not running)
    const current = tasks.find((t) => t.state === "running" && t.containerId) ?? tasks.find((t) => t.containerId);
    return { containerId: current?.containerId, created: [...seen.values()].sort((a, b) => a - b), state: tasks[0]?.state ?? "no task" };
  }

  async function container(node: ClusterNode) {
    // a service without any container yet is named by the service: the engine answers "no such container"
    return containerByName((await tasksOf(node)).containerId ?? node.containerName);
  }

  return {
    kind: "swarm",
    network: networkName(runId),
    restarter: "swarm",
    container,
    async state(node): Promise<ContainerState> {
      const { containerId, state } = await tasksOf(node);
      const none = { id: "", running: false, paused: false, status: state, exitCode: 0, startedAtMs: 0, addresses: {}, cpus: null };
      if (!containerId) return none;
      try {
        return await containerState(containerByName(containerId));
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
    close: () => {},
    probeLaunch: () => ({}),
    // its own containers, which remove() takes with all they hold
    release: async () => [],
    remove: async () => {
      await removeRuns(runId);
    },
  };
}
