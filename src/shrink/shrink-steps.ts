import { traitsOf, type FaultPlan } from "../faults/index.js";
import { nodeNumber, type Candidate } from "./candidate.js";

/** One way to make a schedule smaller, and the candidate it gives. */
export interface Step {
  step: "drop faults" | "fewer nodes" | "drop waits" | "shorten durations";
  candidate: Candidate;
}

/** What the steps may not take away. */
export interface StepLimits {
  /** The shortest each fault may last: a tick-revealed fault must stay long enough to be noticed. */
  floorMs(plan: FaultPlan): number;
  /** Nodes the failure names: a smaller cluster still has them. */
  keepNodes: readonly string[];
  /** False on an attached cluster, whose nodes are what they are. */
  canDropNodes: boolean;
}

/**
 * Every one-step-smaller candidate of `current`, cheapest-to-judge first:
 * dropping faults by delta debugging's chunks (keep one chunk, then drop one,
 * halving the chunks down to single faults), fewer nodes, no waits, shorter
 * durations. A schedule none of whose steps still fails is 1-minimal.
 */
export function* shrinkSteps(current: Candidate, limits: StepLimits): Generator<Step> {
  yield* dropFaults(current);
  if (limits.canDropNodes) yield* fewerNodes(current, limits.keepNodes);
  yield* dropWaits(current);
  yield* shortenDurations(current, limits.floorMs);
}

function* dropFaults({ nodes, schedule }: Candidate): Generator<Step> {
  if (schedule.length < 2) return;
  // 2, 4, 8... chunks, the last round always of single faults
  for (let parts = 2; ; parts = Math.min(parts * 2, schedule.length)) {
    const chunks = chunksOf(schedule, parts);
    for (const chunk of chunks) yield { step: "drop faults", candidate: { nodes, schedule: chunk } };
    for (const chunk of chunks) yield { step: "drop faults", candidate: { nodes, schedule: schedule.filter((plan) => !chunk.includes(plan)) } };
    if (parts === schedule.length) return;
  }
}

/** `list` in `parts` consecutive chunks of (nearly) equal size. */
export function chunksOf<T>(list: readonly T[], parts: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < parts; i++) {
    const chunk = list.slice(Math.round((i * list.length) / parts), Math.round(((i + 1) * list.length) / parts));
    if (chunk.length) chunks.push(chunk);
  }
  return chunks;
}

/**
 * Fewer nodes, keeping app@n1..app@nK: K must hold every targeted node and
 * every node the failure names, leave a survivor beside each fault's targets,
 * and be at least two. A partition's view names every node, so a schedule
 * with one keeps its nodes.
 */
function* fewerNodes({ nodes, schedule }: Candidate, keepNodes: readonly string[]): Generator<Step> {
  if (schedule.some((plan) => traitsOf(plan.kind).namesEveryNode)) return;
  const named = [...keepNodes, ...schedule.flatMap((plan) => plan.targets)].map(nodeNumber);
  if (named.some((n) => n === undefined)) return;
  const least = Math.max(2, ...(named as number[]), ...schedule.map((plan) => plan.targets.length + 1));
  for (let count = least; count < nodes; count++) yield { step: "fewer nodes", candidate: { nodes: count, schedule } };
}

function* dropWaits({ nodes, schedule }: Candidate): Generator<Step> {
  const waiting = schedule.filter((plan) => plan.waitBeforeMs > 0);
  if (waiting.length === 0) return;
  yield { step: "drop waits", candidate: { nodes, schedule: schedule.map((plan) => ({ ...plan, waitBeforeMs: 0 })) } };
  if (waiting.length === 1) return;
  for (const one of waiting) yield { step: "drop waits", candidate: { nodes, schedule: schedule.map((plan) => (plan === one ? { ...plan, waitBeforeMs: 0 } : plan)) } };
}

/** All at their floor, all halved, then each alone at its floor. */
function* shortenDurations({ nodes, schedule }: Candidate, floorMs: (plan: FaultPlan) => number): Generator<Step> {
  const longer = schedule.filter((plan) => plan.durationMs > floorMs(plan));
  if (longer.length === 0) return;
  const shortened = (pick: (plan: FaultPlan) => boolean, to: (plan: FaultPlan) => number) =>
    schedule.map((plan) => (pick(plan) && plan.durationMs > floorMs(plan) ? { ...plan, durationMs: Math.max(floorMs(plan), to(plan)) } : plan));
  yield { step: "shorten durations", candidate: { nodes, schedule: shortened(() => true, floorMs) } };
  yield { step: "shorten durations", candidate: { nodes, schedule: shortened(() => true, (plan) => Math.round(plan.durationMs / 2)) } };
  if (longer.length === 1) return;
  for (const one of longer) yield { step: "shorten durations", candidate: { nodes, schedule: shortened((plan) => plan === one, floorMs) } };
}
