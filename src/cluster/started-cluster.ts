import type { ContainerHandle } from "../docker/client.js";
import { killContainer, limitContainerCpus, pauseContainer, stopContainer, unpauseContainer, type ContainerState } from "../docker/containers.js";
import { execInContainer, type ExecResult } from "../docker/exec.js";
import { connectContainer, disconnectContainer } from "../docker/networks.js";
import { logTail } from "../docker/logs.js";
import { observeNode, type NodeObservation, type ObserveOptions } from "../probe/observe-node.js";
import type { ProbeOutcome } from "../probe/probe-outcome.js";
import { ProbePool, type ProbeTarget } from "../probe/probe-pool.js";
import { parseReply, type ProbeRequest } from "../probe/ops.js";
import type { PingRow } from "../checks/reachability.js";
import { monotonicFromWall, wallFromMonotonic } from "../clock.js";
import type { Cluster, EngineRestarts } from "./cluster.js";
import type { ClusterBackend } from "./cluster-backend.js";
import type { ClusterNode } from "./cluster-node.js";
import { EventRecorders } from "./event-recorders.js";
import { HarnessError } from "../errors.js";

/**
 * A running cluster of one run: probe it, hurt it, wait for it, and remove it
 * (also with `await using`). It talks to the nodes only through the Docker API,
 * in the containers its backend says run them.
 */
export class StartedCluster implements Cluster, AsyncDisposable {
  private readonly probes: ProbePool;
  /** On nodes without meshproof's agent (a user's image, an attached cluster): what keeps their events. */
  private readonly recorders: EventRecorders | undefined;
  /** The CPU limit each node's container had before meshproof first limited it (null: none), until restored. */
  private readonly cpusBefore = new Map<string, number | null>();

  constructor(
    readonly runId: string,
    readonly nodes: readonly ClusterNode[],
    readonly options: Cluster["options"],
    readonly backend: ClusterBackend,
  ) {
    this.probes = new ProbePool({ timeoutMs: options.probeTimeout, mode: options.probeMode });
    this.recorders = options.agent ? undefined : new EventRecorders((node, requests) => this.probes.ask(node, this.probeTarget(node), requests));
  }

  get nodeNames(): string[] {
    return this.nodes.map((n) => n.name);
  }

  /** The network the nodes reach each other on. */
  get network(): string {
    return this.backend.network;
  }

  get kind(): Cluster["kind"] {
    return this.backend.kind;
  }

  get restarter(): Cluster["restarter"] {
    return this.backend.restarter;
  }

  node(name: string): ClusterNode {
    const node = this.nodes.find((n) => n.name === name);
    if (!node) throw new Error(`no node ${name} in run ${this.runId}`);
    return node;
  }

  /** The container that runs the node now. */
  container(node: string): Promise<ContainerHandle> {
    return this.backend.container(this.node(node));
  }

  /** What the engine says of each container: running, paused, start time, addresses. */
  async containerStates(nodes: readonly string[] = this.nodeNames): Promise<Record<string, ContainerState>> {
    return Object.fromEntries(await Promise.all(nodes.map(async (node) => [node, await this.backend.state(this.node(node))] as const)));
  }

  /**
   * The platform's own restarts of each node since a monotonic time. On
   * docker, the engine is followed from the first question on: ask once
   * before the fault (the iteration does), then the answers are complete.
   */
  async engineRestarts(nodes: readonly string[], sinceMs: number): Promise<Record<string, EngineRestarts>> {
    const since = wallFromMonotonic(sinceMs);
    const answers = await Promise.all(nodes.map(async (node) => [node, await this.backend.engineRestarts(this.node(node), since)] as const));
    return Object.fromEntries(answers.map(([node, r]) => [node, { atMs: r.atMs.map(monotonicFromWall), nextBackoffMs: r.nextBackoffMs }]));
  }

  /** The host that runs each node now (swarm: its task's swarm node); empty where the cluster has one host. */
  async hosts(): Promise<Record<string, string>> {
    return this.backend.hosts ? this.backend.hosts(this.nodes) : {};
  }

  /** Each node's IP address on the run's network. */
  async addresses(): Promise<Record<string, string>> {
    const states = await this.containerStates();
    return Object.fromEntries(Object.entries(states).map(([node, state]) => [node, state.addresses[this.network] ?? ""]));
  }

  /** Each node's identity, nodes() and the layers above (and its agent's or recorder's events since a monotonic time), probed in parallel. */
  async probe(nodes: readonly string[] = this.nodeNames, options: ObserveOptions = {}): Promise<NodeObservation[]> {
    return Promise.all(nodes.map((node) => observeNode((requests) => this.ask(node, requests), node, options)));
  }

  /** Every node pings every other node. This connects: use it only after judging the mesh. */
  async pingMatrix(nodes: readonly string[] = this.nodeNames): Promise<PingRow[]> {
    return Promise.all(
      nodes.map(async (from) => {
        const peers = nodes.filter((peer) => peer !== from);
        const outcome = await this.ask(from, [{ op: "ping", peers }]);
        const answer = outcome.answers.find((a) => a.op === "ping");
        const results = outcome.status === "ok" && answer?.ok ? parseReply("ping", answer.result) : undefined;
        return results?.success ? { from, results: results.data } : { from, reason: outcome.reason ?? "unexpected answer" };
      }),
    );
  }

  /** docker kill (SIGKILL): the VM dies at once and its peers see the connection close. */
  async kill(node: string): Promise<void> {
    await killContainer(await this.container(node));
  }

  /** Starts the node's stopped container again and, alongside the node's boot, its probe session. */
  async restart(node: string): Promise<void> {
    await this.backend.start(this.node(node));
    this.probes.warm(node, this.probeTarget(node));
  }

  /** A new container in the place of the node's, and alongside its boot, its probe session. */
  async replace(node: string): Promise<void> {
    if (!this.backend.replace) throw new HarnessError(`the containers of run ${this.runId} cannot be replaced: meshproof does not know how they were made (swarm, attached, or found again by --run)`);
    await this.backend.replace(this.node(node));
    this.cpusBefore.delete(node); // the new container is as the recipe makes it
    this.probes.warm(node, this.probeTarget(node));
  }

  async limitCpus(node: string, cpus: number): Promise<void> {
    const container = await this.container(node);
    if (!this.cpusBefore.has(node)) this.cpusBefore.set(node, (await this.backend.state(this.node(node))).cpus);
    await limitContainerCpus(container, cpus);
  }

  async restoreCpus(node: string): Promise<void> {
    if (!this.cpusBefore.has(node)) return;
    await limitContainerCpus(await this.container(node), this.cpusBefore.get(node)!);
    this.cpusBefore.delete(node);
  }

  async stop(node: string, graceSeconds: number): Promise<void> {
    await stopContainer(await this.container(node), graceSeconds);
  }

  /** docker pause: the node freezes with its connections open. */
  async pause(node: string): Promise<void> {
    await pauseContainer(await this.container(node));
  }

  async unpause(node: string): Promise<void> {
    await unpauseContainer(await this.container(node));
  }

  async exec(node: string, cmd: string[], options: { timeoutMs: number }): Promise<ExecResult> {
    return execInContainer(await this.container(node), cmd, options);
  }

  async disconnect(node: string): Promise<void> {
    await disconnectContainer(this.network, this.node(node).containerName);
  }

  /** Back on the network under the node's hostname, so its peers resolve it again; a no-op where it is on it. */
  async connect(node: string): Promise<void> {
    const state = await this.backend.state(this.node(node));
    if (this.network in state.addresses) return;
    await connectContainer(this.network, this.node(node).containerName, [this.node(node).host]);
  }

  async logs(node: string, lines = 20): Promise<string> {
    return logTail(await this.container(node), lines);
  }

  /** Asks one node's probe (its long-lived session, or a one-shot probe), which first installs the event recorder where there is one to install. */
  ask(node: string, requests: ProbeRequest[]): Promise<ProbeOutcome> {
    return this.recorders ? this.recorders.askRecording(node, requests) : this.probes.ask(node, this.probeTarget(node), requests);
  }

  /** Opens every node's probe session and waits for them: before a one-off look (meshproof check). */
  async openProbes(): Promise<void> {
    for (const node of this.nodeNames) this.probes.warm(node, this.probeTarget(node));
    await this.probes.settled();
  }

  /**
   * Stops probing and leaves the cluster running as it was before meshproof:
   * the event recorders taken out of the nodes, the probe sessions ended, and
   * (attached) the probe's files taken out of the containers. Throws, once all
   * of that was tried, if something could not be taken back.
   */
  async detach(): Promise<void> {
    this.backend.close();
    const left: string[] = [];
    if (this.recorders) {
      await this.openProbes(); // a node whose session was still opening is asked too
      left.push(...(await this.recorders.remove(this.nodeNames)));
    }
    await this.probes.close();
    left.push(...(await this.backend.release()));
    if (left.length) throw new HarnessError(`meshproof could not take back what it put into the cluster, still there: ${left.join("; ")}`);
  }

  /** Ends probing and removes what meshproof created for this cluster, its recorders with its containers; an attached cluster is the user's, and stays as detach leaves it. */
  async down(): Promise<void> {
    if (this.kind === "attach") return this.detach();
    this.backend.close();
    await this.probes.close();
    await this.backend.remove();
  }

  private probeTarget(node: string): ProbeTarget {
    return { container: () => this.container(node), launch: this.backend.probeLaunch(this.node(node)) };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.down();
  }
}
