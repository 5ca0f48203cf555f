import { randomBytes } from "node:crypto";
import pLimit from "p-limit";
import type { ClusterOptions } from "../../config/cluster-options.js";
import { startContainer } from "../../docker/containers.js";
import { createBridgeNetwork } from "../../docker/networks.js";
import { ClusterNotReady, errorMessage, UsageError } from "../../errors.js";
import { probeEscript } from "../../probe/probe-escript.js";
import { probeReleaseFor } from "../../probe/probe-release.js";
import { PROBE_PATH } from "../../probe/run-probe.js";
import { DEFAULT_STABLE_MS } from "../../poll.js";
import { asStep, silentProgress, type Progress } from "../../progress.js";
import { clusterNodes, networkName } from "../cluster-node.js";
import { cookieFile, newCookie } from "../cookie.js";
import { nodeMaker, type NodeMaker, type NodeRecipe } from "../node-maker.js";
import { dockerBackend } from "../backends/docker-backend.js";
import { LABEL_RUN } from "../../docker/labels.js";
import { requireNeighbourTable } from "../neighbour-table.js";
import { nodeImages } from "../node-images.js";
import { StartedCluster } from "../started-cluster.js";
import { waitForHeal } from "./wait-for-heal.js";
import { checkUserImage, nodeCommand, USER_IMAGE_HOME, type UserImage } from "../user-image.js";
import { createServices, requireSwarmManager } from "../backends/swarm/create-services.js";
import { swarmBackend } from "../backends/swarm/swarm-backend.js";
import { swarmEngines } from "../backends/swarm/swarm-engines.js";
import { distributeImages } from "../backends/swarm/distribute-images.js";
import { newTlsMaterial, type TlsMaterial } from "../tls/certificates.js";
import { probeDistEnv, TLS_PATHS, tlsDistFlags } from "../tls/dist-optfile.js";
import { tlsFiles } from "../tls/tls-files.js";

const READY_POLL_MS = 1_000;
/**
 * Log lines kept per node when the cluster never becomes ready: enough to hold
 * a whole crash-and-restart cycle of a node whose container restart-loops
 * (about 350 lines for a pg scope that crashes), so the first crash is in it.
 */
const LOG_LINES_KEPT = 1_000;
/** Creates and starts in flight at once: enough to keep the engine busy, few enough not to time it out. */
const CREATES_AT_ONCE = 8;

export interface StartContext {
  progress?: Progress;
  /** Aborting stops the start and removes what it made. */
  signal?: AbortSignal;
  /** Called with the run id before anything is created, so a caller can sweep it on Ctrl-C. */
  onRunId?: (runId: string) => void;
  /** How long the formed cluster must hold before it counts as ready (default DEFAULT_STABLE_MS). */
  stableForMs?: number;
}

/**
 * Builds (or reuses) the node image, or checks the user's (--image), starts
 * the nodes on a fresh labeled network, and waits until the cluster is ready:
 * every node answers, the full mesh is observed and pg has converged. A start
 * that fails or is aborted removes what it made before rethrowing.
 */
export async function startCluster(options: ClusterOptions, context: StartContext = {}): Promise<StartedCluster> {
  const progress = context.progress ?? silentProgress;
  if (options.distOptfile !== undefined && !options.image) {
    throw new UsageError("--dist-optfile names the options file your own nodes run with (--image, --attach); meshproof's image gets certificates made for the run");
  }
  const runId = randomBytes(4).toString("hex");
  const nodes = clusterNodes(runId, options.nodes);
  const swarm = options.engine === "swarm";
  if (swarm) await requireSwarmManager();
  const engines = swarm ? swarmEngines(options.nodeApi) : undefined;
  const images = options.image ? [] : await nodeImages(options, progress, context.signal);
  if (engines) await distributeImages(images, engines, progress);
  const recipe = options.image
    ? await userImageRecipe(await checkUserImage(options.image, options.escript, "image-check"), options, progress)
    : meshproofRecipe(images, options.dist === "tls" ? await newTlsMaterial(nodes.map((n) => n.host), `meshproof run ${runId}`) : undefined);

  context.onRunId?.(runId);
  const makeNode = nodeMaker(runId, nodes, recipe, options, newCookie());
  const swarmNodes = engines ? swarmBackend(runId, engines) : undefined;
  const backend = swarmNodes ?? dockerBackend(runId, { escript: options.escript, env: probeDistEnv(recipe.distOptfile) }, makeNode);
  const cluster = new StartedCluster(runId, nodes, { ...options, agent: options.image === undefined }, backend);
  try {
    context.signal?.throwIfAborted();
    await requireNeighbourTable(recipe.image(0), options.nodes, runId);
    await asStep(progress, `Starting ${options.nodes} nodes (run ${runId}${swarm ? ", swarm services" : ""})`, () =>
      swarmNodes ? createServices(cluster, (node) => recipe.image(nodes.indexOf(node)), options) : createNodes(cluster, makeNode),
    );
    await swarmNodes?.requirePlacedAndReachable(nodes, options.readyDeadline);
    await asStep(progress, "Waiting for the full mesh and pg convergence", async () => {
      // a cluster forming is busy enough: no need to look more than once a second
      const result = await waitForHeal(cluster, {
        deadlineMs: options.readyDeadline,
        intervalMs: READY_POLL_MS,
        stableForMs: context.stableForMs ?? DEFAULT_STABLE_MS,
        signal: context.signal,
      });
      if (!result.passed) throw new ClusterNotReady(result.checks, await lastLogLines(cluster));
    });
    return cluster;
  } catch (error) {
    // why the start failed is what the user needs: a cleanup that fails as well must not hide it
    await cluster.down().catch((cleanup: unknown) => {
      if (error instanceof Error) error.message += `\nremoving what the start made failed too (meshproof down --run ${runId} tries again): ${errorMessage(cleanup)}`;
    });
    throw error;
  }
}

/**
 * meshproof's image (per release): its entrypoint runs the agent; Erlang
 * reads the cookie from /root. On TLS, each node gets the run's CA
 * certificate, its own certificate and key, and the options file naming
 * them, which the entrypoint hands to erl (MESHPROOF_DIST_FLAGS).
 */
function meshproofRecipe(images: readonly string[], tls: TlsMaterial | undefined): NodeRecipe {
  return {
    image: (index) => images[index]!,
    env: tls ? { MESHPROOF_DIST_FLAGS: tlsDistFlags(TLS_PATHS.optfile) } : {},
    files: (cookie, index) => [cookieFile(cookie), ...(tls ? tlsFiles(tls, tls.nodes[index]!) : [])],
    distOptfile: tls ? TLS_PATHS.optfile : undefined,
  };
}

/**
 * The user's image: started by the --node-cmd template through sh, with HOME
 * pointing at a directory of meshproof's whose .erlang.cookie belongs to the
 * image's user, and meshproof's probe copied in.
 */
async function userImageRecipe(user: UserImage, options: ClusterOptions, progress: Progress): Promise<NodeRecipe> {
  const probe = await probeEscript(probeReleaseFor(user.otpRelease, `--image ${user.image}`), progress);
  const cookiePath = `${USER_IMAGE_HOME}/.erlang.cookie`;
  return {
    image: () => user.image,
    start: (node, all) => ({ entrypoint: ["sh", "-c"], cmd: [nodeCommand(options.nodeCmd!, node, all, options.netTicktime)] }),
    env: { HOME: USER_IMAGE_HOME, MESHPROOF_COOKIE_FILE: cookiePath },
    files: (cookie) => [
      { path: cookiePath, content: cookie, mode: 0o400, uid: user.uid, gid: user.gid },
      { path: PROBE_PATH, content: probe, mode: 0o755 },
    ],
    // the user's --node-cmd starts TLS distribution with its own options file
    distOptfile: options.distOptfile,
  };
}

/** The run's network, then every node's container, a few at a time. */
async function createNodes(cluster: StartedCluster, makeNode: NodeMaker): Promise<void> {
  await createBridgeNetwork(networkName(cluster.runId), { [LABEL_RUN]: cluster.runId });
  const limit = pLimit(CREATES_AT_ONCE);
  await Promise.all(cluster.nodes.map((node) => limit(async () => startContainer(await makeNode(node)))));
}

async function lastLogLines(cluster: StartedCluster): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(cluster.nodeNames.map(async (node) => [node, await cluster.logs(node, LOG_LINES_KEPT)] as const)));
}
