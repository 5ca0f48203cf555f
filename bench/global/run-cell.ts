import { History } from "../../src/history/history.js";
import { ensureBaseImage } from "../../src/image/base-image.js";
import { startCluster, type StartedCluster } from "../../src/index.js";
import { silentProgress } from "../../src/progress.js";
import type { IterationResult } from "../../src/report/run-result.js";
import { runFaultIteration } from "../../src/run/fault-iteration.js";
import { partitionView, type PartitionShape } from "../../src/schedule/partition-shapes.js";
import { seededRng } from "../../src/schedule/rng.js";
import { BARE_NAMED_NODE_CMD, BARE_NODE_CMD } from "./bare-nodes.js";
import type { Cell } from "./grid.js";

const NODES = 5;
/** Stuck: global still not synced this long after the partition's lift. */
const GLOBAL_DEADLINE_MS = 60_000;

/** A run: one cluster's partitions in turn, until the first that did not heal (a global left stuck stays stuck). */
export interface RunOutcome {
  seed: number;
  date: string;
  otpVersion: string | null;
  tried: number;
  /** The partition after which global stayed unsynced, if one did. */
  stuckAt: number | null;
  /** What the global check said of it: the stuck state, names lost, OTP's remedy. */
  stuckDetail?: string;
  /** A partition that failed otherwise (mesh, pg, the fault not applied...): its failed checks. */
  otherFailure: string | null;
  healMs: number[];
}

async function clusterFor(cell: Cell): Promise<StartedCluster> {
  const common = { nodes: NODES, otp: cell.otp, netTicktime: cell.tick };
  if (cell.cluster === "agent") return startCluster(common);
  const nodeCmd = cell.cluster === "bare-named" ? BARE_NAMED_NODE_CMD : BARE_NODE_CMD;
  return startCluster({ ...common, image: await ensureBaseImage({ otp: cell.otp, progress: silentProgress }), nodeCmd });
}

/** One partition of the cell's shape, lasting 3 ticks, as the fault tests plan it. */
function partitionPlan(cell: Cell, nodes: readonly string[], seed: number, index: number) {
  const shape: PartitionShape = cell.shape === "isolate-oneway" ? "isolate" : cell.shape;
  const view = partitionView(shape, nodes, seededRng(seed * 1000 + index));
  const fewest = Math.min(...Object.values(view).map((peers) => peers.length));
  const targets = nodes.filter((node) => view[node]!.length === fewest);
  const direction = cell.shape === "isolate-oneway" ? ("inbound" as const) : ("both" as const);
  return { index, kind: "partition" as const, targets, shape, method: "iptables" as const, direction, view, durationMs: 3 * cell.tick * 1000, waitBeforeMs: 0 };
}

function failedChecks(result: IterationResult): string {
  return result.checks
    .filter((c) => c.verdict !== "pass")
    .map((c) => `${c.name}: ${c.detail}`)
    .join("; ");
}

/** One run of the cell on a cluster of its own, with partitions seeded by `seed`. */
export async function runOnce(cell: Cell, seed: number, partitions: number, log: (line: string) => void): Promise<RunOutcome> {
  const cluster = await clusterFor(cell);
  const outcome: RunOutcome = { seed, date: new Date().toISOString(), otpVersion: null, tried: 0, stuckAt: null, otherFailure: null, healMs: [] };
  try {
    outcome.otpVersion = (await cluster.probe(cluster.nodeNames.slice(0, 1)))[0]?.info?.otpVersion ?? null;
    const deadlines = { detectMs: 3 * cell.tick * 1000, healMs: GLOBAL_DEADLINE_MS, stableMs: 1_000 };
    for (let index = 1; index <= partitions; index++) {
      const result = await runFaultIteration({ cluster, history: new History(), deadlines }, partitionPlan(cell, cluster.nodeNames, seed, index));
      outcome.tried = index;
      const globalStuck = result.layers.global.verdict !== "pass" && result.layers.mesh.verdict === "pass";
      log(`  seed ${seed} partition ${index}: ${result.verdict}${globalStuck ? " (global stuck)" : ""}${result.healMs !== null ? `, healed in ${result.healMs} ms` : ""}`);
      if (result.verdict === "pass") {
        outcome.healMs.push(result.healMs!);
        continue;
      }
      if (globalStuck) {
        outcome.stuckAt = index;
        outcome.stuckDetail = result.checks.find((c) => c.name === "global converged")?.detail;
      } else outcome.otherFailure = failedChecks(result);
      break;
    }
  } finally {
    await cluster.down();
  }
  return outcome;
}
