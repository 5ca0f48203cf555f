import { z } from "zod";
import { otpMixProblem } from "./otp.js";
import { userImageProblems } from "./user-image-problems.js";
import { MIN_NODES } from "../schedule/partition-shapes.js";
import { clusterOptionsSchema } from "./cluster-options.js";
import { durationMs } from "./duration.js";
import { faultSpecSchema, type FaultSpec } from "./fault-spec.js";
import { integer } from "./integer.js";

/**
 * A chaos scenario (YAML or JSON file, or built from CLI flags): the cluster,
 * the faults to draw from, how many iterations, and the deadlines and budget
 * the verdict is held to.
 */
export const scenarioSchema = z
  .object({
    name: z.string().optional(),
    seed: integer(0, 2 ** 32 - 1).optional(),
    cluster: clusterOptionsSchema.default(clusterOptionsSchema.parse({})),
    faults: z.array(faultSpecSchema).min(1).default([faultSpecSchema.parse({ kind: "kill" })]),
    /** How many faults to inject, one iteration each. */
    count: integer(1, 10_000).default(10),
    /** random: each iteration draws a fault from the list; cycle: the list in order, over and over. */
    order: z.enum(["random", "cycle"]).default("random"),
    /** Wait between iterations; with stagger, a random wait in [0, 2 x interval]. */
    interval: durationMs.default(0),
    stagger: z.boolean().default(false),
    /** After the last iteration, lift every fault and check the cluster once more within the recovery window. */
    finalHeal: z.boolean().default(true),
    recoveryWindow: durationMs.default(30_000),
    deadlines: z
      .object({
        /** How long nodes may take to notice a fault; default: 15 s or 3 ticks, whichever is longer. */
        detect: durationMs.optional(),
        /** How long the cluster may take to heal after a fault is lifted. */
        heal: durationMs.default(30_000),
      })
      .strict()
      .default({ heal: 30_000 }),
    budget: z.object({ healP95: durationMs.optional() }).strict().default({}),
  })
  .strict()
  .superRefine((scenario, ctx) => {
    const nodes = scenario.cluster.nodes;
    const mixProblem = otpMixProblem(scenario.cluster.otp, nodes);
    if (mixProblem) ctx.addIssue({ code: "custom", message: mixProblem, path: ["cluster", "otp"] });
    for (const problem of userImageProblems(scenario.cluster)) ctx.addIssue({ code: "custom", message: problem.message, path: ["cluster", problem.field] });
    scenario.faults.forEach((fault, i) => {
      const issue = (message: string, field: string) => ctx.addIssue({ code: "custom", message, path: ["faults", i, field] });
      if ("target" in fault && typeof fault.target === "object") {
        if ("count" in fault.target && fault.target.count >= nodes) issue(`${fault.target.count} targets of ${nodes} nodes would leave no survivor`, "target");
        if ("nodes" in fault.target) {
          const unknown = fault.target.nodes.filter((n) => !/^app@n[1-9]\d*$/.test(n) || Number(n.slice(5)) > nodes);
          if (unknown.length) issue(`no such node: ${unknown.join(", ")} (nodes are app@n1..app@n${nodes})`, "target");
          if (fault.target.nodes.length >= nodes) issue("would leave no survivor", "target");
        }
      }
      if (fault.kind === "partition") {
        if (fault.shape !== "random" && nodes < MIN_NODES[fault.shape]) issue(`a ${fault.shape} partition needs at least ${MIN_NODES[fault.shape]} nodes`, "shape");
        if (fault.method === "disconnect" && fault.shape !== "isolate") issue('method "disconnect" works only with shape "isolate"', "method");
        if (fault.method === "disconnect" && scenario.cluster.engine === "swarm") {
          issue('method "disconnect" cannot take a swarm task off its overlay network; use "iptables" on --engine swarm', "method");
        }
      }
    });
  })
  .transform(normalize);

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;

/** Faults that last a given time, and that the nodes notice only through the tick. */
const TIMED_KINDS = new Set<FaultSpec["kind"]>(["pause", "partition", "delay", "loss"]);

/** Fills the tick-dependent defaults: faults that only the tick reveals last 3 ticks; detection may take 3 ticks. */
function normalize<S extends { cluster: { netTicktime: number }; faults: FaultSpec[]; deadlines: { detect?: number | undefined; heal: number } }>(
  scenario: S,
) {
  const tickMs = scenario.cluster.netTicktime * 1000;
  const faults = scenario.faults.map((fault) =>
    TIMED_KINDS.has(fault.kind) && !("duration" in fault && fault.duration !== undefined) ? { ...fault, duration: 3 * tickMs } : fault,
  );
  return { ...scenario, faults, deadlines: { detect: scenario.deadlines.detect ?? Math.max(15_000, 3 * tickMs), heal: scenario.deadlines.heal } };
}
