import type { FaultExpectation } from "../checks/fault-expectation.js";
import { pidKey } from "../checks/pg.js";
import { fromProblems, type CheckResult } from "../checks/verdict.js";
import type { Cluster } from "../cluster/cluster.js";
import { errorMessage } from "../errors.js";
import type { FaultPlan } from "../faults/index.js";
import type { NodeObservation } from "../probe/observe-node.js";
import { parseReply } from "../probe/ops.js";
import type { ErlPid } from "../probe/replies.js";

const NAME = "global names workload";

/** One registration of the name on one side of the split. */
interface Registration {
  node: string;
  pid: ErlPid;
  registered: boolean;
}

/**
 * The global-names workload: while a fault splits the cluster, register one
 * name through the probe on a node of each side (each side's global says
 * yes); once the split heals, global must resolve the clash as it promises:
 * every node sees one owner, one of the two registered pids, and the other
 * was killed by global's resolver. A fault that leaves no two answering
 * nodes apart (a kill, a pause) gives the workload nothing to do.
 */
export class GlobalNamesWorkload {
  private registrations: Registration[] = [];
  /** Why the registrations could not be made, if they could not. */
  private failed?: string;

  private constructor(
    private readonly cluster: Cluster,
    private readonly name: string,
    private readonly sides: readonly [string, string],
  ) {}

  /** The workload for one fault, on two nodes it puts on different sides (the first target, and the first answering node it cannot see); undefined if it splits none. */
  static on(cluster: Cluster, plan: Pick<FaultPlan, "index" | "targets">, expectation: FaultExpectation): GlobalNamesWorkload | undefined {
    const one = plan.targets.find((node) => expectation.observable.includes(node));
    const allowed = one ? expectation.view?.get(one) : undefined;
    const other = allowed && expectation.observable.find((node) => node !== one && !allowed.includes(node));
    return one && other ? new GlobalNamesWorkload(cluster, `meshproof_workload_${plan.index}`, [one, other]) : undefined;
  }

  /** Registers the name on both sides, one after the other; a failure is kept for the verdict. */
  async register(): Promise<void> {
    try {
      for (const node of this.sides) {
        const outcome = await this.cluster.ask(node, [{ op: "register", name: this.name }]);
        const answer = outcome.answers.find((a) => a.op === "register");
        const parsed = answer?.ok ? parseReply("register", answer.result) : undefined;
        if (!parsed?.success) throw new Error(`on ${node}: ${outcome.reason ?? (answer && !answer.ok ? answer.error : "unexpected answer")}`);
        this.registrations.push({ node, ...parsed.data });
      }
    } catch (error) {
      this.failed = errorMessage(error);
    }
  }

  /** After the heal: one owner everywhere, a registered one, and every other registered holder dead. */
  async judge(observations: readonly NodeObservation[]): Promise<CheckResult> {
    const registered = this.registrations.filter((r) => r.registered);
    if (this.failed) return { name: NAME, verdict: "unknown", detail: `could not register ${this.name} ${this.failed}` };
    if (registered.length === 0) return { name: NAME, verdict: "unknown", detail: `neither side registered ${this.name}` };
    const problems: string[] = [];
    const owners = new Map<string, string[]>();
    for (const o of observations) {
      const entry = o.global?.names.find((n) => n.name === this.name);
      const key = entry ? pidKey(entry.pid) : "no owner";
      owners.set(key, [...(owners.get(key) ?? []), o.node]);
    }
    const [owner] = owners.keys();
    if (owners.size !== 1 || owner === "no owner") {
      problems.push(`after the heal the nodes disagree on ${this.name}: ${[...owners].map(([key, nodes]) => `${key} on ${nodes.join(", ")}`).join("; ")}`);
    } else if (!registered.some((r) => pidKey(r.pid) === owner)) {
      problems.push(`${this.name} is owned by ${owner}, neither of the registered ${registered.map((r) => pidKey(r.pid)).join(", ")}`);
    }
    for (const loser of registered.filter((r) => pidKey(r.pid) !== owner)) {
      const alive = await this.alive(loser);
      if (alive !== false) problems.push(`the losing holder ${pidKey(loser.pid)} on ${loser.node} ${alive ? "still lives: global did not resolve the clash" : "could not be asked about"}`);
    }
    const sides = this.registrations.map((r) => `${r.node} (${r.registered ? "yes" : "no"})`).join(" and ");
    return fromProblems(NAME, problems, `${this.name} registered on ${sides} during the split; after the heal every node sees one owner, ${owner}`);
  }

  /** Kills the holders left, whatever the verdict, so the name does not outlive the iteration. */
  async release(): Promise<void> {
    await Promise.all(this.registrations.map((r) => this.cluster.ask(r.node, [{ op: "unregister", name: this.name }]).catch(() => undefined)));
  }

  /** Asked on the holder's own node, where its pid reads <0.ID>. */
  private async alive(r: Registration): Promise<boolean | undefined> {
    const expr = `erlang:is_process_alive(erlang:list_to_pid("<0.${r.pid.id}>"))`;
    const outcome = await this.cluster.ask(r.node, [{ op: "layers", sync: false, invariants: [expr] }]);
    const answer = outcome.answers.find((a) => a.op === "layers");
    const layers = answer?.ok ? parseReply("layers", answer.result) : undefined;
    const [found] = layers?.success ? layers.data.invariants : [];
    return found && "value" in found ? found.value === "true" : undefined;
  }
}
