import type { NodeObservation } from "../probe/observe-node.js";
import type { ErlPid, PgView } from "../probe/replies.js";
import type { MeshPlan } from "./mesh.js";
import { fromProblems, listSome, type CheckResult } from "./verdict.js";

/** What the user said of pg: the scope whose member counts are known, and how many members each node contributes per group there. */
export interface PgExpectation {
  scope: string;
  membersPerNode: Readonly<Record<string, number>>;
}

/**
 * pg converged, in every scope found on the nodes: the invariants of
 * DESIGN.md per scope and group. `plan` says which nodes are judged and which
 * peers each is directly connected to (pg views are not transitive, so a
 * node is compared only with those). Member counts are judged only in the
 * scope the user named. `before`: the scopes each node ran before the fault,
 * which it must run again. No counts given (none, a user's image): every
 * scope is judged by its views alone.
 */
export function checkPg(
  name: string,
  observations: readonly NodeObservation[],
  plan: MeshPlan,
  expected: PgExpectation,
  before?: ReadonlyMap<string, ReadonlySet<string>>,
): CheckResult {
  const problems: string[] = [];
  const views = new Map<string, { creation: number; scopes: readonly PgView[] }>();
  for (const node of plan.keys()) {
    const seen = observations.find((o) => o.node === node);
    if (seen?.status === "ok" && seen.info && seen.pg) views.set(node, { creation: seen.info.creation, scopes: seen.pg });
    else problems.push(`${node}: no pg view (${seen ? `${seen.status}: ${seen.reason}` : "not probed"})`);
  }
  for (const [node, { scopes }] of views) {
    const lost = [...(before?.get(node) ?? [])].filter((scope) => !scopes.some((s) => s.scope === scope));
    if (lost.length) problems.push(`${node}: no longer runs pg scope ${listSome(lost)} (it did before the fault)`);
  }
  const counted = Object.keys(expected.membersPerNode).length > 0;
  const found = new Set([...views.values()].flatMap((v) => v.scopes.map((s) => s.scope)));
  if (counted) found.add(expected.scope);
  for (const scope of [...found].sort()) {
    const counts = counted && scope === expected.scope ? expected.membersPerNode : undefined;
    problems.push(...scopeProblems(scope, views, plan, counts));
  }
  const scopes = found.size === 1 ? `scope ${[...found][0]}` : `${found.size} scopes`;
  return fromProblems(name, problems, `pg views agree on ${views.size} nodes (${scopes})`);
}

/** Whether pg is there to judge: a scope on some node, or members the user expects. */
export function pgPresent(observations: readonly NodeObservation[], expected: PgExpectation): boolean {
  return Object.keys(expected.membersPerNode).length > 0 || observations.some((o) => (o.pg?.length ?? 0) > 0);
}

/** The scopes each node runs, to hold a later look to. */
export function pgScopesOf(observations: readonly NodeObservation[]): Map<string, Set<string>> {
  return new Map(observations.flatMap((o) => (o.pg ? [[o.node, new Set(o.pg.map((s) => s.scope))] as const] : [])));
}

function scopeProblems(
  scope: string,
  views: ReadonlyMap<string, { creation: number; scopes: readonly PgView[] }>,
  plan: MeshPlan,
  membersPerNode: Readonly<Record<string, number>> | undefined,
): string[] {
  const problems: string[] = [];
  const groupsOf = (node: string) => views.get(node)?.scopes.find((s) => s.scope === scope)?.groups ?? [];
  for (const [node, { creation }] of views) {
    const visible = [node, ...(plan.get(node) ?? [])];
    const groups = new Set([...Object.keys(membersPerNode ?? {}), ...groupsOf(node).map((g) => g.group)]);
    for (const group of groups) {
      const own = groupsOf(node).find((g) => g.group === group);
      const members = own?.members ?? [];
      const local = own?.local ?? [];
      const label = `${group} (scope ${scope})`;

      if (own && members.length === 0) problems.push(`${node}: which_groups lists empty group ${label}`);
      if (membersPerNode) {
        const expectedLocal = membersPerNode[group] ?? 0;
        if (local.length !== expectedLocal) problems.push(`${node}: ${local.length} local members in ${label}, expected ${expectedLocal}`);
      }
      for (const pid of local) {
        if (pid.node !== node || pid.creation !== creation) problems.push(`${node}: local member ${pidKey(pid)} of ${label} is not of this incarnation`);
      }
      for (const pid of members) {
        const owner = views.get(pid.node);
        if (!visible.includes(pid.node)) problems.push(`${node}: member ${pidKey(pid)} of ${label} is on a node it should not see`);
        else if (owner && pid.creation !== owner.creation) {
          problems.push(`${node}: member ${pidKey(pid)} of ${label} belongs to a previous incarnation (now creation ${owner.creation})`);
        }
      }
      if (visible.every((peer) => views.has(peer))) {
        const union = visible.flatMap((peer) => groupsOf(peer).find((g) => g.group === group)?.local ?? []);
        const { missing, extra } = multisetDiff(members.map(pidKey), union.map(pidKey));
        if (missing.length) problems.push(`${node}: get_members(${label}) lacks ${listSome(missing)}`);
        if (extra.length) problems.push(`${node}: get_members(${label}) has extra ${listSome(extra)}`);
      }
    }
  }
  return problems;
}

export function pidKey(pid: ErlPid): string {
  return `${pid.node}<${pid.id}>#${pid.creation}`;
}

/** What `actual` lacks of `expected`, and what it has beyond it, counting duplicates. */
function multisetDiff(actual: string[], expected: string[]): { missing: string[]; extra: string[] } {
  const counts = new Map<string, number>();
  for (const key of expected) counts.set(key, (counts.get(key) ?? 0) + 1);
  const extra: string[] = [];
  for (const key of actual) {
    const left = counts.get(key) ?? 0;
    if (left > 0) counts.set(key, left - 1);
    else extra.push(key);
  }
  const missing = [...counts].flatMap(([key, left]) => Array<string>(left).fill(key));
  return { missing, extra };
}
