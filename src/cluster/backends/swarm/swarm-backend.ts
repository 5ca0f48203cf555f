import type { ClusterBackend } from "../cluster-backend.js";
import { networkName, type ClusterNode } from "../../cluster-node.js";
import { removeRuns } from "../../remove-run.js";
import { containerByName, containerState, type ContainerState } from "../../../docker/containers.js";
import { isGone } from "../../../docker/gone.js";
import { serviceTasks } from "../../../docker/swarm.js";

/**
 * A node per swarm service (named like a docker node's container): swarm
 * restarts whatever ends, so the harness restarts nothing. A restart is a new
 * task with a new container; the tasks seen so far are remembered because
 * swarm keeps only the last few in its history.
 */
export function swarmBackend(runId: string): ClusterBackend {
  const tasksSeen = new Map<string, Set<string>>();

  async function tasksOf(node: ClusterNode) {
    const tasks = await serviceTasks(node.containerName);
    const seen = tasksSeen.get(node.name) ?? new Set<string>();
    for (const task of tasks) seen.add(task.id);
    tasksSeen.set(node.name, seen);
    // the running task's container, else the newest one's (which can then say it is not running)
    const current = tasks.find((t) => t.state === "running" && t.containerId) ?? tasks.find((t) => t.containerId);
    return { containerId: current?.containerId, restarts: Math.max(0, seen.size - 1), state: tasks[0]?.state ?? "no task" };
  }

  return {
    kind: "swarm",
    network: networkName(runId),
    restarter: "swarm",
    async container(node) {
      // a service without any container yet is named by the service: the engine answers "no such container"
      return containerByName((await tasksOf(node)).containerId ?? node.containerName);
    },
    async state(node): Promise<ContainerState> {
      const { containerId, restarts, state } = await tasksOf(node);
      const none = { running: false, paused: false, status: state, exitCode: 0, restartCount: restarts, startedAtMs: 0, addresses: {} };
      if (!containerId) return none;
      try {
        return { ...(await containerState(containerByName(containerId))), restartCount: restarts };
      } catch (error) {
        if (isGone(error)) return none;
        throw error;
      }
    },
    probeLaunch: () => ({}),
    // its own containers, which remove() takes with all they hold
    release: async () => [],
    remove: async () => {
      await removeRuns(runId);
    },
  };
}
