import { z } from "zod";
import type { Cluster } from "../cluster/cluster.js";
import { positiveDurationMs } from "../config/duration.js";
import { strictObject } from "../config/strict-object.js";
import { errorMessage, HarnessError } from "../errors.js";
import type { ErlPid, SysState } from "../probe/replies.js";
import { defineFault, type Lift, type Nemesis } from "./fault-kind.js";
import { degradedExpectation } from "./fault-expectation.js";
import { fixedTargets, planSchemaOf } from "./fault-plan.js";
import { askNode, pidText, registeredNameSchema, samePid } from "./registered-process.js";
import { pickTargets, targetSchema } from "./targets.js";

/**
 * global_name_server: every distributed node runs it, whatever its image, and
 * it takes system messages (a gen_server). Peers' global calls that need it
 * wait while it is suspended; the mesh itself stays up.
 */
const DEFAULT_PROCESS = "global_name_server";

/**
 * Resumes every process meshproof suspended on each node that answers (once
 * the nodes run); a node that is down or starting has none. Idempotent.
 */
const resumeAllSuspended: Lift = {
  stage: "inside",
  async lift(cluster) {
    await Promise.all(
      cluster.nodeNames.map(async (node) => {
        const outcome = await cluster.ask(node, [{ op: "resume" }]);
        if (outcome.status === "crashed") throw new HarnessError(`could not resume what meshproof suspended on ${node}: ${outcome.reason}`);
      }),
    );
  },
};

const suspendProcessPlanSchema = planSchemaOf("suspend-process", { process: z.string() });
type SuspendProcessPlan = z.output<typeof suspendProcessPlanSchema>;

/**
 * sys:suspend of the process registered under a name on the targets for the
 * duration, then sys:resume. The node keeps what meshproof suspended, so
 * the final heal resumes it even after an aborted run. Nothing is demanded
 * of the mesh meanwhile; its evidence is sys's own state of the process.
 */
export const suspendProcess = defineFault({
  kind: "suspend-process",
  schema: strictObject({
    kind: z.literal("suspend-process"),
    target: targetSchema.default("random"),
    process: registeredNameSchema.default(DEFAULT_PROCESS),
    duration: positiveDurationMs.optional(),
  }),
  planSchema: suspendProcessPlanSchema,
  traits: { lasting: "duration", downing: false, flagFields: ["process"], color: "#ce6dbd" },
  plan: (spec, nodes, rng) => ({ kind: spec.kind, targets: pickTargets(spec.target, nodes, rng), durationMs: spec.duration ?? 0, process: spec.process }),
  specOf: (plan) => ({ kind: plan.kind, ...fixedTargets(plan), duration: plan.durationMs, process: plan.process }),
  nemesis: () => suspendProcessNemesis(),
  expect: degradedExpectation,
  lifts: [resumeAllSuspended],
});

/** Kept per fault: the pid suspended on each target (null: none held the name), and what the last look saw. */
function suspendProcessNemesis(): Nemesis<SuspendProcessPlan> {
  const suspended = new Map<string, ErlPid | null>();
  let seen: string[] = [];
  return {
    async invoke(cluster, plan) {
      await Promise.all(
        plan.targets.map(async (node) => {
          const [pid] = await askNode(cluster, node, [{ op: "suspend", name: plan.process }]);
          suspended.set(node, pid);
        }),
      );
    },
    async recover(cluster, plan) {
      await Promise.all(plan.targets.map((node) => askNode(cluster, node, [{ op: "resume" }])));
    },
    async inPlace(cluster, plan) {
      const name = plan.process;
      const looks = await Promise.all(
        plan.targets.map(async (node): Promise<{ problem?: string; seen?: string }> => {
          const was = suspended.get(node);
          if (!was) return { problem: `no process on ${node} is registered as ${name}: nothing to suspend` };
          const answered = await sysState(cluster, node, name);
          if (typeof answered === "string") return { problem: answered };
          const now = answered;
          if (!now.pid) return { problem: `no process is registered as ${name} on ${node} any more` };
          if (!samePid(now.pid, was)) return { problem: `${name} on ${node} is ${pidText(now.pid)} now, not the suspended ${pidText(was)}` };
          if (now.state !== "suspended") return { problem: `${name} ${pidText(was)} on ${node} is ${now.state}, not suspended` };
          return { seen: `${name} ${pidText(was)} on ${node} is suspended (sys says so), ${now.messages} messages waiting` };
        }),
      );
      seen = looks.flatMap((look) => look.seen ?? []);
      return looks.flatMap((look) => look.problem ?? []);
    },
    // what the last look that found it in place saw
    evidence: async () => seen.join("; "),
    async undone(cluster, plan) {
      const name = plan.process;
      const states = await Promise.all(plan.targets.map(async (node) => [node, await sysState(cluster, node, name)] as const));
      return states.flatMap(([node, s]) => (typeof s === "string" ? [s] : s.state === "suspended" ? [`${name} ${pidText(s.pid)} on ${node} is still suspended`] : []));
    },
  };
}

/** sys's state of the process under the name on the node, or why the node could not say (a problem, not an error: the look goes on). */
async function sysState(cluster: Cluster, node: string, name: string): Promise<SysState | string> {
  return askNode(cluster, node, [{ op: "sys-state", name }]).then(
    ([state]) => state,
    (error: unknown) => errorMessage(error),
  );
}
