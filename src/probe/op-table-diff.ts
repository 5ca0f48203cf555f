import { probeOps } from "./ops.js";
import type { OpTable } from "./replies.js";

/**
 * How the probe's own op table (its answer to `ops`) differs from the
 * harness's (probeOps): one line per op that only one side has, or whose
 * arguments differ (name, type, one or many, order); none when they agree.
 */
export function opTableDifferences(probe: OpTable): string[] {
  const ours = new Map(Object.entries(probeOps).map(([op, { args }]) => [op, shape(args)]));
  const theirs = new Map(probe.map(({ op, args }) => [op, shape(args)]));
  return [
    ...[...ours.keys()].filter((op) => !theirs.has(op)).map((op) => `${op}: the harness has it, the probe does not`),
    ...[...theirs.keys()].filter((op) => !ours.has(op)).map((op) => `${op}: the probe has it, the harness does not`),
    ...[...ours].flatMap(([op, args]) => {
      const probeArgs = theirs.get(op);
      return probeArgs === undefined || probeArgs === args ? [] : [`${op}: the probe takes ${probeArgs}, the harness sends ${args}`];
    }),
  ];
}

/** An op's arguments as one comparable text, e.g. "sync:flag invariants:base64...". */
function shape(args: readonly { name: string; type: string; many: boolean }[]): string {
  return args.map((a) => `${a.name}:${a.type}${a.many ? "..." : ""}`).join(" ") || "(none)";
}
