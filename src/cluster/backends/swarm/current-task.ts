import type { SwarmTask } from "../../../docker/swarm.js";

/**
 * Which of a service's tasks (newest first) runs the node now: the running
 * one with a container, else the newest with a container (which can then say
 * it is not running); and the swarm node it is on, whose engine holds that container.
 */
export function currentTask(tasks: readonly SwarmTask[]): { containerId?: string | undefined; nodeId?: string | undefined; state: string } {
  const current = tasks.find((t) => t.state === "running" && t.containerId) ?? tasks.find((t) => t.containerId);
  return { containerId: current?.containerId, nodeId: current ? current.nodeId : tasks[0]?.nodeId, state: tasks[0]?.state ?? "no task" };
}
