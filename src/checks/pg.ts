import type { NodeObservation } from "../probe/observe-node.js";
import type { ErlPid, PgView } from "../probe/protocol.js";
import type { MeshPlan } from "./mesh.js";
import { fromProblems, listSome, type CheckResult } from "./verdict.js";

/**
 * pg converged: the invariants of DESIGN.md over one observation, per group.
 * `plan` says which nodes are judged and which peers each is directly
 * connected to (pg views are not transitive, so a node is compared only with
 * those); `membersPerNode` is how many members each node contributes per group.
 */
export function checkPg(
  name: string,
  observations: readonly NodeObservation[],
  plan: MeshPlan,
  membersPerNode: Readonly<Record<string, number>>,
): CheckResult {
  const problems: string[] = [];
  const views = new Map<string, { creation: number; pg: PgView }>();
  for (const node of plan.keys()) {
    const seen = observations.find((o) => o.node === node);
    if (seen?.status === "ok" && seen.info && seen.pg) views.set(node, { creation: seen.info.creation, pg: seen.pg });
    else problems.push(`${node}: no pg view (${seen ? `${seen.status}: ${seen.reason}` : "not probed"})`);
  }

  for (const [node, { creation, pg }] of views) {
    const visible = [node, ...(plan.get(node) ?? [])];
    const groups = new Set([...Object.keys(membersPerNode), ...pg.groups.map((g) => g.group)]);
    for (const group of groups) {
      const own = pg.groups.find((g) => g.group === group);
      const members = own?.members ?? [];
      const local = own?.local ?? [];

      if (own && members.length === 0) problems.push(`${node}: which_groups lists empty group ${group}`);

      const expectedLocal = membersPerNode[group] ?? 0;
      if (local.length !== expectedLocal) {
        problems.push(`${node}: ${local.length} local members in ${group}, expected ${expectedLocal}`);
      }
      for (const pid of local) {
        if (pid.node !== node || pid.creation !== creation) problems.push(`${node}: local member ${pidKey(pid)} of ${group} is not of this incarnation`);
      }

      for (const pid of members) {
        const owner = views.get(pid.node);
        if (!visible.includes(pid.node)) problems.push(`${node}: member ${pidKey(pid)} of ${group} is on a node it should not see`);
        else if (owner && pid.creation !== owner.creation) {
          problems.push(`${node}: member ${pidKey(pid)} of ${group} belongs to a previous incarnation (now creation ${owner.creation})`);
        }
      }

      if (visible.every((peer) => views.has(peer))) {
        const union = visible.flatMap((peer) => views.get(peer)!.pg.groups.find((g) => g.group === group)?.local ?? []);
        const { missing, extra } = multisetDiff(members.map(pidKey), union.map(pidKey));
        if (missing.length) problems.push(`${node}: get_members(${group}) lacks ${listSome(missing)}`);
        if (extra.length) problems.push(`${node}: get_members(${group}) has extra ${listSome(extra)}`);
      }
    }
  }
  return fromProblems(name, problems, `pg views agree on ${views.size} nodes`);
}

function pidKey(pid: ErlPid): string {
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
