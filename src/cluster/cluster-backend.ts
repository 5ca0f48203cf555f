import type { ContainerHandle } from "../docker/client.js";
import type { ContainerState } from "../docker/containers.js";
import type { ProbeLaunch } from "../probe/run-probe.js";
import type { EngineRestarts } from "./cluster.js";
import type { ClusterNode } from "./cluster-node.js";

/**
 * Where a cluster's nodes run, and what meshproof may do to them: its own
 * containers (docker), one swarm service per node (swarm), or containers
 * someone else started (attach). Everything above this talks to nodes through
 * a container, whichever runs the node now.
 */
export interface ClusterBackend {
  readonly kind: "docker" | "swarm" | "attach";
  /** The network the nodes reach each other on: partitions block the peers' addresses on it. */
  readonly network: string;
  /** Who brings back a node that was killed or stopped: the harness, or the platform by itself (swarm). */
  readonly restarter: "harness" | "swarm";
  /** The container that runs the node now (on swarm, its current task's). */
  container(node: ClusterNode): Promise<ContainerHandle>;
  state(node: ClusterNode): Promise<ContainerState>;
  /** The harness starts the node's stopped container. */
  start(node: ClusterNode): Promise<void>;
  /**
   * Puts a new container in the place of the node's running one, made as the
   * first was (same name, hostname, alias, files) but with a new address; the
   * old one is killed and removed. Only where meshproof makes the nodes' containers.
   */
  replace?(node: ClusterNode): Promise<void>;
  /** The platform's own restarts of the node since a wall-clock time, in wall-clock ms (on swarm, tasks that replaced a dead one). */
  engineRestarts(node: ClusterNode, sinceMs: number): Promise<EngineRestarts>;
  /** The host that runs each node's container now (swarm: its task's swarm node, by hostname); absent where there is one host. */
  hosts?(nodes: readonly ClusterNode[]): Promise<Record<string, string>>;
  /** Stops following the engine; the nodes keep running. */
  close(): void;
  /** How the node's probe is started: extra environment when the container's own does not name the node and cookie, escript's path when it is not on the PATH. */
  probeLaunch(node: ClusterNode): ProbeLaunch;
  /**
   * Takes back what meshproof put into containers it does not own (attach:
   * the probe, the cookie copy), once probing ends; its own containers keep
   * theirs until remove(). Says what it could not take back, if anything.
   */
  release(): Promise<string[]>;
  /** Removes what meshproof created for the cluster, and nothing else. */
  remove(): Promise<void>;
}
