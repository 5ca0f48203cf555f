import { z } from "zod";
import { sameIncarnation } from "../checks/incarnations.js";
import type { Cluster } from "../cluster/cluster.js";
import { strictObject } from "../config/strict-object.js";
import { errorMessage } from "../errors.js";
import type { KilledProcess, NodeInfo } from "../probe/replies.js";
import type { Nemesis } from "./fault-kind.js";
import { defineFault } from "./fault-kind.js";
import { nothingDown } from "./fault-expectation.js";
import { startStopped } from "./downed.js";
import { fixedTargets, planSchemaOf } from "./fault-plan.js";
import { askNode, pidText, registeredNameSchema, samePid } from "./registered-process.js";
import { pickTargets, targetSchema } from "./targets.js";

/**
 * The agent's pg scope (meshproof's default `pgScope`): its supervisor starts
 * it again, and the pg layer shows whether the groups come back with it. A
 * kernel process such as global_name_server takes the whole node down instead
 * (kernel_sup restarts none of its children), which is a crash by another name.
 */
const DEFAULT_PROCESS = "meshproof";

const killProcessPlanSchema = planSchemaOf("kill-process", { process: z.string() });
type KillProcessPlan = z.output<typeof killProcessPlanSchema>;

/** What invoke found on a target: its incarnation, and the process it killed (null: none held the name). */
interface Killed extends KilledProcess {
  incarnation: NodeInfo;
  /** Monotonic ms of the kill: the engine's restarts since then are this fault's. */
  atMs: number;
}

/**
 * exit(Pid, kill) of the process registered under a name on the targets,
 * through the probe. Applied when a new process holds the name (its
 * supervisor started it again), or the node itself went down with it.
 */
export const killProcess = defineFault({
  kind: "kill-process",
  schema: strictObject({ kind: z.literal("kill-process"), target: targetSchema.default("random"), process: registeredNameSchema.default(DEFAULT_PROCESS) }),
  planSchema: killProcessPlanSchema,
  traits: { lasting: "none", downing: false, flagFields: ["process"], color: "#393b79" },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: 0, process: spec.process }),
  specOf: (plan) => ({ kind: plan.kind, ...fixedTargets(plan), process: plan.process }),
  nemesis: () => killProcessNemesis(),
  // the target may go down with its process and come back as a new incarnation: the others must answer, nobody is cut
  expect: (plan, nodes) => ({
    ...nothingDown(),
    observable: nodes.filter((node) => !plan.targets.includes(node)),
    view: null,
    exactView: false,
    othersMayDisconnect: true,
    lostLinks: [],
    mayReincarnate: [...plan.targets],
  }),
  // a node that went down with its process and that the engine did not restart
  lifts: [startStopped],
});

/** Kept per fault (nemesisFor makes one per fault): what each kill found, and what the last look saw. */
function killProcessNemesis(): Nemesis<KillProcessPlan> {
  const killed = new Map<string, Killed>();
  let seen: string[] = [];
  return {
    async invoke(cluster, plan) {
      const name = plan.process;
      await Promise.all(
        plan.targets.map(async (node) => {
          const atMs = performance.now();
          const [incarnation, kill] = await askNode(cluster, node, [{ op: "info" }, { op: "kill-process", name }]);
          killed.set(node, { ...kill, incarnation, atMs });
        }),
      );
    },
    async inPlace(cluster, plan) {
      const looks = await Promise.all(plan.targets.map((node) => lookAt(cluster, node, plan, killed.get(node))));
      seen = looks.flatMap((look) => look.seen ?? []);
      return looks.flatMap((look) => look.problem ?? []);
    },
    // what the last look that found it in place saw
    evidence: async () => seen.join("; "),
  };
}

/** One target after the kill: a new holder of the name, the node gone down with its process, or why neither. */
async function lookAt(cluster: Cluster, node: string, plan: KillProcessPlan, was: Killed | undefined): Promise<{ problem?: string; seen?: string }> {
  const name = plan.process;
  if (!was) return { problem: `${node}: nothing was killed there` };
  if (!was.killed) return { problem: `no process on ${node} is registered as ${name}: nothing to kill` };
  const killedText = `${name} ${pidText(was.killed)} on ${node}`;
  const answered = await askNode(cluster, node, [{ op: "info" }, { op: "whereis", name }]).catch((error: unknown) => errorMessage(error));
  if (typeof answered === "string") {
    const [states, restarts] = await Promise.all([cluster.containerStates([node]), cluster.engineRestarts([node], was.atMs)]);
    const restarted = restarts[node]?.atMs.length ?? 0;
    const status = states[node]?.status ?? "gone";
    const engine = cluster.restarter === "swarm" ? "platform" : "engine";
    if (restarted) return { seen: `${tookDown(killedText, was)}; the ${engine} restarted it` };
    // a container waiting out Docker's restart back-off is "restarting" (and Running, as Docker says)
    if (status === "restarting") return { seen: `${tookDown(killedText, was)}; the ${engine} is restarting it` };
    if (status !== "running") return { seen: `${tookDown(killedText, was)}; its container is ${status}` };
    return { problem: `after the kill of ${killedText}: ${answered}` };
  }
  const [incarnation, holder] = answered;
  if (!sameIncarnation(was.incarnation, incarnation)) return { seen: `${tookDown(killedText, was)}; it came back as a new incarnation` };
  if (!holder) return { problem: `no process is registered as ${name} on ${node} since ${pidText(was.killed)} was killed` };
  if (samePid(holder, was.killed)) return { problem: `${killedText} is still alive` };
  const by = was.supervisor ? `, started again by ${was.supervisor}` : "";
  return { seen: `killed ${killedText}; ${name} is ${pidText(holder)} now${by}` };
}

/** Plain words for a node that went down with the process it lost. */
function tookDown(killedText: string, was: Killed): string {
  // verified on OTP 25, 27 and 29: kernel_sup is one_for_all with intensity 0, so the kernel application ends and erl exits 1
  const why = was.supervisor === "kernel_sup" ? " (kernel_sup restarts none of its children: the node stops when one dies)" : "";
  return `killing ${killedText} took the node down${why}`;
}
