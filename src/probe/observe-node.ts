import type { Container } from "../docker/client.js";
import { meshSchema, nodeInfoSchema, pgViewSchema, type NodeInfo, type PgView, type ProbeAnswer } from "./protocol.js";
import { runProbe, type ProbeStatus } from "./run-probe.js";

/** What one node said about itself at one moment: plain data for the checks. */
export interface NodeObservation {
  node: string;
  status: ProbeStatus;
  reason?: string;
  info?: NodeInfo;
  /** The node's own nodes(): who it is connected to, as it sees it. */
  mesh?: string[];
  pg?: PgView;
  /** Monotonic time (performance.now()) when the answer arrived. */
  atMs: number;
}

/** Asks one node for its identity, its mesh view and its pg view, in one probe. */
export async function observeNode(
  container: Container,
  node: string,
  options: { scope: string; timeoutMs: number },
): Promise<NodeObservation> {
  const outcome = await runProbe(container, [{ op: "info" }, { op: "mesh" }, { op: "pg", scope: options.scope }], {
    timeoutMs: options.timeoutMs,
  });
  const atMs = performance.now();
  if (outcome.status !== "ok") return { node, status: outcome.status, reason: outcome.reason ?? "", atMs };
  const info = nodeInfoSchema.safeParse(resultOf(outcome.answers, "info"));
  const mesh = meshSchema.safeParse(resultOf(outcome.answers, "mesh"));
  const pg = pgViewSchema.safeParse(resultOf(outcome.answers, "pg"));
  if (!info.success || !mesh.success || !pg.success) {
    return { node, status: "crashed", reason: `probe answered in an unexpected shape: ${JSON.stringify(outcome.answers).slice(0, 300)}`, atMs };
  }
  return { node, status: "ok", info: info.data, mesh: mesh.data, pg: pg.data, atMs };
}

function resultOf(answers: ProbeAnswer[], op: string): unknown {
  const answer = answers.find((a) => a.op === op);
  return answer?.ok ? answer.result : undefined;
}
