import type { NodeObservation } from "../probe/observe-node.js";
import type { FaultExpectation } from "./fault-expectation.js";
import { EVENT_RESOLUTION_MS, loggedSince } from "./event-time.js";
import { fromProblems, listSome, type CheckResult } from "./verdict.js";

/** A container as the engine reports it during the fault. */
export interface ContainerFacts {
  running: boolean;
  paused: boolean;
}

export interface AppliedEvidence {
  observations: readonly NodeObservation[];
  containers: Readonly<Record<string, ContainerFacts>>;
  /** How often the engine restarted each node by itself since the fault (only asked of the nodes it must restart). */
  engineRestarts: Readonly<Record<string, number>>;
  /** Monotonic time the fault was invoked: events before it do not count. */
  faultAtMs: number;
  /** What the fault's own evidence says is not in place yet (its rules, its qdisc, its process); empty when all is. */
  notInPlace?: readonly string[];
}

/**
 * The fault really happened (Chaos Mesh #4903): the containers are in the
 * planned state (a crashed one restarted by the engine), the fault's own
 * evidence says it is in place (its rules, its qdisc), every observable
 * node's nodes() is the planned view (or, for a partition, stricter), pg
 * dropped the members of the nodes each node lost, and each loss shows up as
 * a nodedown in the observer's agent log.
 */
export function checkFaultApplied(expectation: FaultExpectation, evidence: AppliedEvidence): CheckResult {
  const problems: string[] = [];
  const { containers } = evidence;
  for (const node of expectation.stopped) if (containers[node]?.running) problems.push(`the container of ${node} is still running`);
  for (const node of expectation.paused) if (!containers[node]?.paused) problems.push(`the container of ${node} is not paused`);
  problems.push(...(evidence.notInPlace ?? []));
  for (const node of expectation.restartedByEngine) if (!evidence.engineRestarts[node]) problems.push(`the engine has not restarted ${node}`);

  for (const node of expectation.observable) {
    const seen = evidence.observations.find((o) => o.node === node);
    if (!seen || seen.status !== "ok" || !seen.mesh || !seen.pg) {
      problems.push(`${node} did not answer (${seen ? `${seen.status}: ${seen.reason}` : "not probed"})`);
      continue;
    }
    const allowed = expectation.view?.get(node);
    if (allowed) {
      const cut = seen.mesh.filter((peer) => !allowed.includes(peer));
      if (cut.length) problems.push(`${node} still sees ${listSome(cut)}`);
      const lost = allowed.filter((peer) => !seen.mesh!.includes(peer));
      if (expectation.exactView && lost.length) problems.push(`${node} lost ${listSome(lost)}, which the fault did not touch`);
      const members = seen.pg.flatMap((scope) => scope.groups.flatMap((g) => g.members));
      const stale = new Set(members.filter((pid) => pid.node !== node && !allowed.includes(pid.node)).map((pid) => pid.node));
      if (stale.size) problems.push(`${node} still lists pg members of ${listSome([...stale])}`);
    }
  }

  for (const { observer, lost } of expectation.lostLinks) {
    const events = evidence.observations.find((o) => o.node === observer)?.events;
    if (!events) continue; // no answer (reported above) or no agent log to read
    const downs = events.filter((e) => e.kind === "nodedown" && e.node === lost && loggedSince(e.atMs, evidence.faultAtMs));
    const within = expectation.nodedownWithinMs;
    if (downs.length === 0) problems.push(`${observer} logged no nodedown of ${lost}${alreadyLost(events, lost, evidence.faultAtMs)}`);
    else if (expectation.nodedownReason && !downs.some((e) => e.reason === expectation.nodedownReason)) {
      problems.push(`${observer} lost ${lost} with reason ${downs[0]!.reason}, not ${expectation.nodedownReason}`);
    } else if (within !== undefined && downs[0]!.atMs - evidence.faultAtMs > within + EVENT_RESOLUTION_MS) {
      problems.push(`${observer} lost ${lost} only after ${seconds(downs[0]!.atMs - evidence.faultAtMs)} s, not within ${seconds(within)} s`);
    }
  }
  // a fault nobody must notice (loss, a suspended process) is only in place
  const noticed = expectation.lostLinks.length ? " and every observer noticed it" : "";
  return fromProblems("fault applied", problems, `the fault is in place${noticed}${whoNoticedFirst(expectation, evidence)}`);
}

/**
 * Why an observer may log no nodedown of a node the fault took: it had lost
 * that node before the fault (its last word about it was a nodedown), as in a
 * cluster that drops its own connections. Empty when it had not.
 */
function alreadyLost(events: readonly { kind: string; node: string; atMs: number }[], lost: string, faultAtMs: number): string {
  const last = events.filter((e) => e.node === lost && (e.kind === "nodedown" || e.kind === "nodeup") && e.atMs < faultAtMs).at(-1);
  return last?.kind === "nodedown" ? ` (it had lost ${lost} ${seconds(faultAtMs - last.atMs)} s before the fault and not seen it again)` : "";
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

/** A one-way cut: which side logged its first nodedown first, and by how much. Empty when either side logged none. */
function whoNoticedFirst(expectation: FaultExpectation, evidence: AppliedEvidence): string {
  const cut = expectation.cutSide;
  if (!cut || expectation.lostLinks.length === 0) return "";
  const firstOf = (side: (observer: string) => boolean) => {
    const times = expectation.lostLinks
      .filter(({ observer }) => side(observer))
      .flatMap(({ observer, lost }) => evidence.observations.find((o) => o.node === observer)?.events?.filter((e) => e.kind === "nodedown" && e.node === lost && loggedSince(e.atMs, evidence.faultAtMs)) ?? [])
      .map((e) => e.atMs);
    return times.length ? Math.min(...times) : undefined;
  };
  const [cutFirst, othersFirst] = [firstOf((node) => cut.includes(node)), firstOf((node) => !cut.includes(node))];
  if (cutFirst === undefined || othersFirst === undefined) return "";
  const [first, by] = cutFirst <= othersFirst ? [`the cut side (${listSome(cut)})`, othersFirst - cutFirst] : ["the other side", cutFirst - othersFirst];
  return `; ${first} saw nodedown first, ${seconds(by)} s before`;
}

/**
 * Time to detect: the fault to the last first-nodedown among the links it
 * cuts, from the agents' own logs (millisecond precision, and seen even when
 * a crashed node is back before a probe looks). Undefined without events.
 */
export function detectTimeMs(expectation: FaultExpectation, evidence: AppliedEvidence): number | undefined {
  const firsts = expectation.lostLinks.map(({ observer, lost }) => {
    const events = evidence.observations.find((o) => o.node === observer)?.events ?? [];
    return events.find((e) => e.kind === "nodedown" && e.node === lost && loggedSince(e.atMs, evidence.faultAtMs))?.atMs;
  });
  if (firsts.length === 0 || firsts.some((t) => t === undefined)) return undefined;
  return Math.max(...(firsts as number[])) - evidence.faultAtMs;
}
