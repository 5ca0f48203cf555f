import type { PingRow } from "../../src/checks/reachability.js";
import type { Cluster, EngineRestarts } from "../../src/cluster/cluster.js";
import type { ContainerState } from "../../src/docker/containers.js";
import type { ExecResult } from "../../src/docker/exec.js";
import { observeNode, type NodeObservation } from "../../src/probe/observe-node.js";
import type { ProbeOutcome } from "../../src/probe/probe-outcome.js";
import type { ProbeAnswer } from "../../src/probe/protocol.js";
import type { ProbeRequest } from "../../src/probe/ops.js";

interface FakeNode {
  running: boolean;
  paused: boolean;
  creation: number;
  /** Docker's restart back-off: the delay of the engine's last restart (0: none yet, or reset by a harness start). */
  backoffMs: number;
  /** Monotonic ms at which the engine restarts the crashed container (after its back-off). */
  restartDueMs?: number;
  /** Wall-clock ms of the last start, as the engine reports it. */
  startedAtMs: number;
  /** Its container's CPU limit (null: none). */
  cpus: number | null;
  /** Peers it holds a connection to. */
  links: Set<string>;
  /** Its agent's nodeup/nodedown log, wall-clock ms. */
  events: { kind: "nodeup" | "nodedown"; node: string; reason: string; at_ms: number }[];
  /** epmd runs in its container, and knows the node. */
  epmd: boolean;
  registered: boolean;
  /** Its registered processes by name: their number, whether sys suspended them, and who restarts them. */
  processes: Map<string, FakeProcess>;
}

interface FakeProcess {
  id: number;
  suspended: boolean;
  supervisor: "meshproof_pool_sup" | "kernel_sup";
}

type Method = keyof Cluster;

/**
 * A cluster without Docker, for driving the runner in unit tests. Nodes hold
 * connections like Erlang nodes do: a killed node's peers see nodedown at
 * once, a paused or cut-off one is dropped (as the tick would), and every
 * node reconnects to every peer it can reach when it is next probed, unless
 * `reconnects` is off. Partitions go through the real iptables nemesis: the
 * fake reads the DROP rules its exec is given. A crash is restarted as Docker
 * does it: after a back-off of 100 ms that doubles with each quick crash, and
 * reset by a harness start. Each node registers two processes: the agent's
 * pg scope `meshproof`, which its supervisor starts again when killed, and
 * global_name_server, whose death takes the node down (as kernel_sup does).
 * Knobs make it misbehave.
 */
export class FakeCluster implements Cluster {
  readonly runId = "fake";
  readonly kind = "docker";
  readonly restarter = "harness";
  readonly options = { pgScope: "meshproof", pgGroups: { pool: 2 }, probeTimeout: 1_000, probeMode: "session" as const };
  readonly nodeNames: string[];
  /** Every port call, in order: "kill app@n2", "probe", ... */
  readonly calls: string[] = [];

  /** Nodes come back into the mesh by themselves (the agent's discovery); off: a cluster that never heals. */
  reconnects = true;
  /** Faults do nothing at all: kill, stop, pause and exec leave the nodes as they are. */
  inert = false;
  /** The engine restarts a crashed node (Docker's restart policy). */
  restartPolicy = true;
  /** Nodes that drop every connection between two probe rounds and dial again at once: sweeps see a whole mesh. */
  readonly flapping = new Set<string>();
  /** A node registers with a new epmd by itself (OTP's client since OTP 24); off: a node the new epmd never knows. */
  reregisters = true;
  /** Nodes keep a nodeup/nodedown log (meshproof's agent, or its recorder); off: the events request answers null. */
  eventLogs = true;
  /** Nodes whose probe times out. */
  readonly silent = new Set<string>();
  /** Methods that throw, and with what. */
  readonly failing = new Map<Method, Error>();
  /** Called at the start of each port call: a test aborts from here, in the phase it wants. */
  onCall: (method: Method, node?: string) => void = () => {};

  private readonly nodes = new Map<string, FakeNode>();
  /** When the engine restarted each node (monotonic ms): the engine's own record, which no start resets. */
  private readonly engineRestartLog = new Map<string, number[]>();
  private readonly blocked = new Set<string>();
  /** Each node's rules in meshproof's chain, as `iptables -S MESHPROOF` lists them. */
  private readonly rules = new Map<string, string[]>();
  private nextCreation = 1;
  /** Each node's container id and address, which a replace changes. */
  private readonly containers = new Map<string, { id: string; address: string }>();
  private nextContainer = 1;
  /** What limitCpus found, for restoreCpus. */
  private readonly cpusBefore = new Map<string, number | null>();

  constructor(count = 3) {
    this.nodeNames = Array.from({ length: count }, (_, i) => `app@n${i + 1}`);
    for (const name of this.nodeNames) this.nodes.set(name, this.freshNode());
    this.nodeNames.forEach((name, i) => this.containers.set(name, { id: `c${this.nextContainer++}`, address: `10.0.0.${i + 2}` }));
    for (const name of this.nodeNames) this.node(name).links = new Set(this.nodeNames.filter((peer) => peer !== name));
  }

  async probe(nodes: readonly string[] = this.nodeNames, options: { eventsSinceMs?: number } = {}): Promise<NodeObservation[]> {
    this.enter("probe");
    for (const node of this.flapping) if (this.alive(node)) this.sever(node, "connection_closed");
    if (this.reconnects) this.reconnect();
    return Promise.all(nodes.map((node) => observeNode((requests) => this.ask(node, requests), node, options)));
  }

  async pingMatrix(nodes: readonly string[] = this.nodeNames): Promise<PingRow[]> {
    this.enter("pingMatrix");
    return nodes.map((from) => ({ from, results: nodes.filter((peer) => peer !== from).map((peer) => ({ peer, pong: this.reachable(from, peer), ms: 1 })) }));
  }

  async openProbes(): Promise<void> {
    this.enter("openProbes");
  }

  async ask(node: string, requests: ProbeRequest[]): Promise<ProbeOutcome> {
    this.enter("ask", node);
    const state = this.node(node);
    if (this.silent.has(node)) return { status: "timeout", reason: "no answer within 1 s", answers: [] };
    if (!state.running || state.paused) return { status: "unreachable", reason: "the probe cannot connect to the node", answers: [] };
    const answers = requests.map((request): ProbeAnswer => ({ ok: true, op: request.op, node, result: this.answer(node, request) }));
    return { status: "ok", answers };
  }

  async containerStates(nodes: readonly string[] = this.nodeNames): Promise<Record<string, ContainerState>> {
    this.enter("containerStates");
    return Object.fromEntries(
      nodes.map((node) => {
        const s = this.node(node);
        const restarting = s.restartDueMs !== undefined;
        const state: ContainerState = {
          id: this.containers.get(node)!.id,
          // as Docker says: a container waiting out its restart back-off is "restarting", and Running
          running: s.running || restarting,
          paused: s.paused,
          status: s.paused ? "paused" : restarting ? "restarting" : s.running ? "running" : "exited",
          exitCode: s.running ? 0 : 137,
          startedAtMs: s.startedAtMs,
          addresses: { net: this.address(node) },
          cpus: s.cpus,
        };
        return [node, state];
      }),
    );
  }

  async engineRestarts(nodes: readonly string[], sinceMs: number): Promise<Record<string, EngineRestarts>> {
    this.enter("engineRestarts");
    return Object.fromEntries(
      nodes.map((node) => {
        const atMs = (this.engineRestartLog.get(node) ?? []).filter((at) => at >= sinceMs);
        return [node, { atMs, nextBackoffMs: this.backoffAfterCrash(this.node(node)) }];
      }),
    );
  }

  async addresses(): Promise<Record<string, string>> {
    this.enter("addresses");
    return Object.fromEntries(this.nodeNames.map((node) => [node, this.address(node)]));
  }

  /** One host, as a docker cluster has. */
  async hosts(): Promise<Record<string, string>> {
    this.enter("hosts");
    return {};
  }

  async kill(node: string): Promise<void> {
    this.enter("kill", node);
    if (!this.inert) this.takeDown(node);
  }

  /** docker start: a new incarnation, and a new restart manager (no back-off). */
  async restart(node: string): Promise<void> {
    this.enter("restart", node);
    const s = this.node(node);
    if (!s.running) this.nodes.set(node, { ...this.freshNode(), cpus: s.cpus });
  }

  /** A new container: a new id, address and incarnation; its peers lose the old one at once. */
  async replace(node: string): Promise<void> {
    this.enter("replace", node);
    if (this.inert) return;
    this.takeDown(node);
    this.nodes.set(node, this.freshNode());
    this.containers.set(node, { id: `c${this.nextContainer++}`, address: `10.0.1.${this.nextContainer}` });
  }

  async limitCpus(node: string, cpus: number): Promise<void> {
    this.enter("limitCpus", node);
    if (this.inert) return;
    if (!this.cpusBefore.has(node)) this.cpusBefore.set(node, this.node(node).cpus);
    this.node(node).cpus = cpus;
  }

  async restoreCpus(node: string): Promise<void> {
    this.enter("restoreCpus", node);
    if (!this.cpusBefore.has(node)) return;
    this.node(node).cpus = this.cpusBefore.get(node)!;
    this.cpusBefore.delete(node);
  }

  async stop(node: string): Promise<void> {
    this.enter("stop", node);
    if (!this.inert) this.takeDown(node);
  }

  async pause(node: string): Promise<void> {
    this.enter("pause", node);
    if (this.inert) return;
    this.node(node).paused = true;
    this.sever(node, "net_tick_timeout");
  }

  async unpause(node: string): Promise<void> {
    this.enter("unpause", node);
    this.node(node).paused = false;
  }

  /** Understands what the faults run: pkill of the VM, epmd killed and started, name lookups, and meshproof's iptables chain. */
  async exec(node: string, cmd: string[]): Promise<ExecResult> {
    this.enter("exec", node);
    const script = cmd.join(" ");
    if (this.inert) return { kind: "exited", exitCode: 0, stdout: "", stderr: "" };
    if (script.startsWith("pkill")) this.crash(node);
    const s = this.node(node);
    if (script.includes("kill -KILL $pids")) s.epmd = s.registered = false;
    else if (script.includes("-daemon") && !s.epmd) [s.epmd, s.registered] = [true, this.reregisters];
    else if (script === "sh -c pidof epmd || true") return { kind: "exited", exitCode: 0, stdout: s.epmd ? "34\n" : "", stderr: "" };
    if (cmd.includes("getent")) {
      const blocked = (this.rules.get(node) ?? []).some((rule) => rule.includes("127.0.0.11"));
      return blocked ? { kind: "exited", exitCode: 2, stdout: "", stderr: "" } : { kind: "exited", exitCode: 0, stdout: `10.0.0.2 ${cmd.at(-1)}\n`, stderr: "" };
    }
    if (script.includes("-S MESHPROOF")) return { kind: "exited", exitCode: 0, stdout: (this.rules.get(node) ?? []).join("\n"), stderr: "" };
    if (script.includes("-F MESHPROOF")) {
      for (const pair of [...this.blocked]) if (pair.startsWith(`${node}|`)) this.blocked.delete(pair);
      this.rules.delete(node);
    }
    for (const [, rule] of script.matchAll(/iptables -w -A MESHPROOF ([^&]+?)(?= &&|$)/g)) this.rules.set(node, [...(this.rules.get(node) ?? []), `-A MESHPROOF ${rule}`]);
    for (const [, ip] of script.matchAll(/-s (\S+) -j DROP/g)) {
      const peer = this.nodeNames.find((name) => this.address(name) === ip)!;
      this.blocked.add(`${node}|${peer}`);
      this.dropLink(node, peer, "net_tick_timeout");
    }
    return { kind: "exited", exitCode: 0, stdout: "", stderr: "" };
  }

  async disconnect(node: string): Promise<void> {
    this.enter("disconnect", node);
  }

  async connect(node: string): Promise<void> {
    this.enter("connect", node);
  }

  async logs(node: string): Promise<string> {
    this.enter("logs", node);
    return "";
  }

  async detach(): Promise<void> {
    this.enter("detach");
  }

  async down(): Promise<void> {
    this.enter("down");
  }

  /** The node's VM dies by itself (no fault did it), and the engine restarts it. */
  crashByItself(node: string): void {
    this.crash(node);
  }

  /** Whether a node's own nodes() lists a peer now. */
  sees(node: string, peer: string): boolean {
    return this.node(node).links.has(peer);
  }

  private enter(method: Method, node?: string): void {
    this.calls.push(node ? `${method} ${node}` : method);
    this.restartDue();
    this.onCall(method, node);
    const error = this.failing.get(method);
    if (error) throw error;
  }

  private node(name: string): FakeNode {
    const node = this.nodes.get(name);
    if (!node) throw new Error(`no node ${name}`);
    return node;
  }

  private takeDown(node: string): void {
    this.node(node).running = false;
    this.sever(node, "connection_closed");
  }

  /**
   * The VM dies; with the restart policy the engine restarts the container
   * after Docker's back-off: 100 ms, doubled on each crash, reset when the
   * container had run 10 s.
   */
  private crash(node: string): void {
    this.takeDown(node);
    const s = this.node(node);
    if (!this.restartPolicy) return;
    s.backoffMs = this.backoffAfterCrash(s);
    s.restartDueMs = performance.now() + s.backoffMs;
  }

  private backoffAfterCrash(s: FakeNode): number {
    const from = Date.now() - s.startedAtMs >= 10_000 ? 0 : s.backoffMs;
    return from === 0 ? 100 : Math.min(2 * from, 60_000);
  }

  /** The engine restarts the containers whose back-off is over (looked at on every port call). */
  private restartDue(): void {
    for (const [name, s] of this.nodes) {
      if (s.restartDueMs === undefined || s.restartDueMs > performance.now()) continue;
      this.engineRestartLog.set(name, [...(this.engineRestartLog.get(name) ?? []), s.restartDueMs]);
      this.nodes.set(name, { ...this.freshNode(), backoffMs: s.backoffMs, cpus: s.cpus });
    }
  }

  private freshNode(): FakeNode {
    const processes = new Map<string, FakeProcess>([
      ["meshproof", { id: 80, suspended: false, supervisor: "meshproof_pool_sup" }],
      ["global_name_server", { id: 50, suspended: false, supervisor: "kernel_sup" }],
    ]);
    return { running: true, paused: false, creation: this.nextCreation++, backoffMs: 0, startedAtMs: Date.now(), cpus: null, links: new Set(), events: [], epmd: true, registered: true, processes };
  }

  private pidOf(node: string, process: FakeProcess | undefined) {
    return process ? { node, id: `${process.id}.0`, creation: this.node(node).creation } : null;
  }

  /** The process faults' requests: a killed scope comes back under a new pid, a killed kernel process takes the node down. */
  private answerProcess(node: string, request: Extract<ProbeRequest, { op: "whereis" | "kill-process" | "suspend" | "sys-state" | "resume" }>): unknown {
    const { processes } = this.node(node);
    if (request.op === "resume") {
      const resumed = [...processes.values()].filter((p) => p.suspended);
      for (const p of resumed) p.suspended = false;
      return { resumed: resumed.map((p) => this.pidOf(node, p)) };
    }
    const found = processes.get(request.name);
    const pid = this.pidOf(node, found);
    switch (request.op) {
      case "whereis":
        return { pid };
      case "kill-process":
        if (!this.inert && found?.supervisor === "kernel_sup") this.crash(node);
        else if (!this.inert && found) processes.set(request.name, { ...found, id: found.id + 1, suspended: false });
        return { killed: pid, supervisor: found?.supervisor ?? null };
      case "suspend":
        if (!this.inert && found) found.suspended = true;
        return { suspended: pid };
      case "sys-state":
        return found ? { pid, state: found.suspended ? "suspended" : "running", messages: 0 } : { pid: null, state: null, messages: null };
    }
  }

  private address(node: string): string {
    return this.containers.get(node)!.address;
  }

  private alive(node: string): boolean {
    const s = this.node(node);
    return s.running && !s.paused;
  }

  private reachable(a: string, b: string): boolean {
    return this.alive(a) && this.alive(b) && !this.blocked.has(`${a}|${b}`) && !this.blocked.has(`${b}|${a}`);
  }

  /** Every live node drops its links to `node`, logging why. */
  private sever(node: string, reason: string): void {
    for (const peer of this.nodeNames) if (peer !== node) this.dropLink(node, peer, reason);
  }

  private dropLink(a: string, b: string, reason: string): void {
    for (const [from, to] of [[a, b], [b, a]] as const) {
      const s = this.node(from);
      if (s.links.delete(to) && this.alive(from)) s.events.push({ kind: "nodedown", node: to, reason, at_ms: Date.now() });
    }
  }

  private reconnect(): void {
    for (const a of this.nodeNames) {
      for (const b of this.nodeNames) {
        if (a === b || !this.reachable(a, b) || this.node(a).links.has(b)) continue;
        this.node(a).links.add(b);
        this.node(a).events.push({ kind: "nodeup", node: b, reason: "connected", at_ms: Date.now() });
      }
    }
  }

  private answer(node: string, request: ProbeRequest): unknown {
    const s = this.node(node);
    switch (request.op) {
      case "info":
        return { otp: "27", otp_version: "27.0", kernel: "10.0", creation: s.creation, os_pid: String(100 + s.creation) };
      case "mesh":
        return { nodes: [...s.links] };
      case "layers": {
        // each node's pool workers in pg, and one global name per node, seen over the node's links
        const members = (owner: string) => {
          const o = this.node(owner);
          return Array.from({ length: this.options.pgGroups.pool }, (_, i) => ({ node: owner, id: `<0.${i}.0>`, creation: o.creation }));
        };
        const seen = [node, ...s.links].sort();
        return {
          pg: [{ scope: this.options.pgScope, groups: [{ group: "pool", members: seen.flatMap(members), local: members(node) }] }],
          global: {
            names: seen.map((owner) => ({ name: `{agent,'${owner}'}`, pid: members(owner)[0], alive: owner === node ? true : null })),
            sync: request.sync ? 1 : "skipped",
            state: { known: [...s.links].sort(), pending: [], lock_holders: [] },
          },
          mnesia: null,
          invariants: request.invariants.map(() => ({ value: "ok" })),
        };
      }
      case "events":
      case "views":
        return this.eventLogs ? eventLog(s.events, s.startedAtMs, request.sinceMs) : { events: null };
      case "discover":
        return { host: node.split("@")[1], names: s.epmd && s.registered ? [node.split("@")[0]] : [] };
      case "whereis":
      case "kill-process":
      case "suspend":
      case "sys-state":
      case "resume":
        return this.answerProcess(node, request);
      default:
        throw new Error(`the fake cluster does not answer ${request.op}`);
    }
  }
}

/** A node's answer to `events`, as meshproof_recorder gives it: its log starts with its VM, and logs no view. */
function eventLog(events: FakeNode["events"], startedAtMs: number, sinceMs: number) {
  const peers = new Set<string>();
  for (const e of events.filter((e) => e.at_ms < sinceMs)) {
    if (e.kind === "nodeup") peers.add(e.node);
    else peers.delete(e.node);
  }
  return { events: events.filter((e) => e.at_ms >= sinceMs), since_ms: startedAtMs, lost_until_ms: null, at_start: { peers: [...peers].sort(), views: [] } };
}
