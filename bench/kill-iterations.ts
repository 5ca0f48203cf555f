import type { StartedCluster } from "../src/index.js";
import { History } from "../src/history/history.js";
import { runFaultIteration } from "../src/run/fault-iteration.js";
import { seededRng } from "../src/schedule/rng.js";

export type KillResult = Awaited<ReturnType<typeof runFaultIteration>>;

/** Seeded kills of one node each, in turn. */
export async function killIterations(cluster: StartedCluster, count: number): Promise<KillResult[]> {
  const rng = seededRng(1);
  const results: KillResult[] = [];
  for (let index = 1; index <= count; index++) {
    const plan = { index, kind: "kill" as const, targets: [rng.pick(cluster.nodeNames)], durationMs: 500, waitBeforeMs: 0 };
    results.push(await runFaultIteration({ cluster, history: new History(), deadlines: { detectMs: 15_000, healMs: 60_000, stableMs: 1_000 } }, plan));
  }
  return results;
}

export function whyFailed(result: KillResult): string {
  return `kill ${result.index} (${result.targets.join(", ")}): ${JSON.stringify(result.checks.filter((c) => c.verdict !== "pass"))}`;
}
