import type { PingRow } from "../checks/reachability.js";
import type { ClusterOptions } from "../config/cluster-options.js";
import type { ContainerState } from "../docker/containers.js";
import type { ExecResult } from "../docker/exec.js";
import type { NodeObservation, ObserveOptions } from "../probe/observe-node.js";
import type { ProbeOutcome } from "../probe/probe-outcome.js";
import type { ProbeRequest } from "../probe/ops.js";

/** What the platform did by itself to bring a node back: Docker's restart policy, or swarm replacing its task. */
export interface EngineRestarts {
  /** When it restarted the node (monotonic ms, oldest first); the harness's own starts are not among them. */
  atMs: number[];
  /** How long it would wait before restarting the node if it died now (Docker's restart back-off; 0 on swarm). */
  nextBackoffMs: number;
}

/**
 * The port that the runner and the faults use: everything meshproof does to
 * a running cluster, whichever backend runs it (its own containers, swarm
 * services, or containers it attached to). Tests drive the runner through a
 * fake of it, without a Docker engine.
 */
export interface Cluster {
  readonly runId: string;
  readonly nodeNames: readonly string[];
  /** docker: meshproof's containers; swarm: a service per node; attach: containers someone else runs. */
  readonly kind: "docker" | "swarm" | "attach";
  /** Who brings back a node that was killed or stopped: the harness, or the platform by itself (swarm). */
  readonly restarter: "harness" | "swarm";
  /** agent: the nodes run meshproof's agent, so each holds its global name and keeps its own event log. */
  readonly options: Pick<ClusterOptions, "pgScope" | "pgGroups" | "probeTimeout" | "probeMode"> & { agent?: boolean };

  /**
   * Each node's identity, nodes() and pg view, probed in parallel; and its
   * nodeup/nodedown events since a monotonic time, from meshproof's agent or,
   * on a user's image and an attached cluster, from the recorder meshproof
   * installs in every node (a restarted node's start at its first answer).
   */
  probe(nodes?: readonly string[], options?: ObserveOptions): Promise<NodeObservation[]>;
  /** Every node pings every other node. This connects: use it only after judging the mesh. */
  pingMatrix(nodes?: readonly string[]): Promise<PingRow[]>;
  /** Asks one node's probe. */
  ask(node: string, requests: ProbeRequest[]): Promise<ProbeOutcome>;
  /** Opens every node's probe session and waits for them: before a one-off look (meshproof check). */
  openProbes(): Promise<void>;

  /** What the engine says of each node's container: running, paused, start time, addresses. */
  containerStates(nodes?: readonly string[]): Promise<Record<string, ContainerState>>;
  /**
   * The platform's own restarts of each node since a monotonic time. Not
   * Docker's RestartCount: a harness start resets that to 0.
   */
  engineRestarts(nodes: readonly string[], sinceMs: number): Promise<Record<string, EngineRestarts>>;
  /** Each node's address on the network the nodes reach each other on. */
  addresses(): Promise<Record<string, string>>;
  /** The host that runs each node now (swarm: its task's swarm node); empty where the cluster has one host. */
  hosts(): Promise<Record<string, string>>;

  /** SIGKILL of the node's container. */
  kill(node: string): Promise<void>;
  /** Starts the node's stopped container again (and its probe session). */
  restart(node: string): Promise<void>;
  /** A new container in the place of the node's (same name, hostname and alias, a new address), its old one killed and removed; refused where meshproof did not make the containers. */
  replace(node: string): Promise<void>;
  /** Limits the CPUs the node's container may use; the limit it had before is kept for restoreCpus. */
  limitCpus(node: string, cpus: number): Promise<void>;
  /** Gives the node's container back the CPU limit it had before limitCpus (none: no limit); a no-op where meshproof set none. */
  restoreCpus(node: string): Promise<void>;
  /** SIGTERM, then SIGKILL after the grace period. */
  stop(node: string, graceSeconds: number): Promise<void>;
  pause(node: string): Promise<void>;
  unpause(node: string): Promise<void>;
  /** Runs a command in the node's container, as root (and so in its network namespace). */
  exec(node: string, cmd: string[], options: { timeoutMs: number }): Promise<ExecResult>;
  /** Takes the node's container off the cluster's network, and puts it back under its name (connect is a no-op where it is on it). */
  disconnect(node: string): Promise<void>;
  connect(node: string): Promise<void>;
  /** The last lines of the node's log. */
  logs(node: string, lines?: number): Promise<string>;

  /** Stops probing and leaves the cluster running, with nothing of meshproof's left in its nodes or in containers it does not own. */
  detach(): Promise<void>;
  /** Stops probing and removes what meshproof created for the cluster (attached: as detach). */
  down(): Promise<void>;
}
