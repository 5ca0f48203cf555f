import { randomBytes } from "node:crypto";
import pLimit from "p-limit";
import { clusterOptionsSchema, type ClusterOptions, type ClusterOptionsInput } from "../config/cluster-options.js";
import { parseInput } from "../config/parse.js";
import { putFiles } from "../docker/archive.js";
import { createContainer } from "../docker/containers.js";
import { createBridgeNetwork } from "../docker/networks.js";
import { HarnessError } from "../errors.js";
import { ensureNodeImage } from "../image/node-image.js";
import { asStep, silentProgress, type Progress } from "../progress.js";
import { clusterNodes, networkName, type ClusterNode } from "./cluster-node.js";
import { cookieFile, newCookie } from "./cookie.js";
import { dockerBackend } from "./docker-backend.js";
import { LABEL_NODE, LABEL_PG_GROUPS, LABEL_PG_SCOPE, LABEL_RUN } from "./labels.js";
import { requireNeighbourTable } from "./neighbour-table.js";
import { nodeEnv } from "./node-env.js";
import { StartedCluster } from "./started-cluster.js";
import { createServices } from "../swarm/create-services.js";
import { swarmBackend } from "../swarm/swarm-backend.js";

const READY_POLL_MS = 1_000;
/** Creates and starts in flight at once: enough to keep the engine busy, few enough not to time it out. */
const CREATES_AT_ONCE = 8;

export interface StartContext {
  progress?: Progress;
  /** Aborting stops the start and removes what it made. */
  signal?: AbortSignal;
  /** Called with the run id before anything is created, so a caller can sweep it on Ctrl-C. */
  onRunId?: (runId: string) => void;
}

/**
 * Builds (or reuses) the node image, starts the nodes on a fresh labeled
 * network, and waits until the cluster is ready: every node answers, the full
 * mesh is observed and pg has converged. A start that fails or is aborted
 * removes what it made before rethrowing.
 */
export async function startCluster(input: ClusterOptionsInput = {}, context: StartContext = {}): Promise<StartedCluster> {
  const options = parseInput(clusterOptionsSchema, input);
  const progress = context.progress ?? silentProgress;
  const image = await ensureNodeImage({ otp: options.otp, baseImage: options.baseImage, mirror: options.mirror, progress, signal: context.signal });

  const runId = randomBytes(4).toString("hex");
  context.onRunId?.(runId);
  const swarm = options.engine === "swarm";
  const cluster = new StartedCluster(runId, clusterNodes(runId, options.nodes), options, swarm ? swarmBackend(runId) : dockerBackend(runId));
  try {
    context.signal?.throwIfAborted();
    await requireNeighbourTable(image, options.nodes, runId);
    await asStep(progress, `Starting ${options.nodes} nodes (run ${runId}${swarm ? ", swarm services" : ""})`, () =>
      swarm ? createServices(cluster, image, options) : createNodes(cluster, image, options),
    );
    await asStep(progress, "Waiting for the full mesh and pg convergence", async () => {
      // a cluster forming is busy enough: no need to look more than once a second
      const result = await cluster.waitUntilHealthy({ deadlineMs: options.readyDeadline, intervalMs: READY_POLL_MS, signal: context.signal });
      if (!result.passed) throw new HarnessError(await notReadyMessage(cluster, result.checks.map((c) => c.detail)));
    });
    return cluster;
  } catch (error) {
    await cluster.down();
    throw error;
  }
}

async function createNodes(cluster: StartedCluster, image: string, options: ClusterOptions): Promise<void> {
  const labels = {
    [LABEL_RUN]: cluster.runId,
    [LABEL_PG_SCOPE]: options.pgScope,
    [LABEL_PG_GROUPS]: JSON.stringify(options.pgGroups),
  };
  const network = networkName(cluster.runId);
  await createBridgeNetwork(network, { [LABEL_RUN]: cluster.runId });
  const cookie = newCookie();
  const createAndStart = async (node: ClusterNode) => {
    const container = await createContainer({
      name: node.containerName,
      image,
      hostname: node.host,
      network,
      aliases: [node.host],
      env: nodeEnv(node, cluster.nodes, options),
      labels: { ...labels, [LABEL_NODE]: node.name },
      init: true,
      restartPolicy: "on-failure",
      // lets the network faults' execs (iptables, tc) change the node's own network namespace
      capAdd: ["NET_ADMIN"],
    });
    await putFiles(container, [cookieFile(cookie)]);
    await container.start();
  };
  const limit = pLimit(CREATES_AT_ONCE);
  await Promise.all(cluster.nodes.map((node) => limit(() => createAndStart(node))));
}

async function notReadyMessage(cluster: StartedCluster, problems: string[]): Promise<string> {
  const logs = await Promise.all(cluster.nodeNames.map(async (node) => `--- ${node} ---\n${await cluster.logs(node, 10)}`));
  return `the cluster did not become ready within its deadline (--ready-deadline):\n${problems.join("\n")}\nlast log lines:\n${logs.join("\n")}`;
}
