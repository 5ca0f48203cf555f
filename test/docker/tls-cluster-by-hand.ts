import { randomBytes } from "node:crypto";
import { clusterNodes, networkName } from "../../src/cluster/cluster-node.js";
import { cookieFile, newCookie } from "../../src/cluster/cookie.js";
import { nodeEnv } from "../../src/cluster/node-env.js";
import { removeRuns } from "../../src/cluster/remove-run.js";
import { newTlsMaterial } from "../../src/cluster/tls/certificates.js";
import { TLS_PATHS, tlsDistFlags } from "../../src/cluster/tls/dist-optfile.js";
import { tlsFiles } from "../../src/cluster/tls/tls-files.js";
import { clusterOptionsSchema } from "../../src/config/cluster-options.js";
import { putFiles } from "../../src/docker/archive.js";
import { createContainer, startContainer } from "../../src/docker/containers.js";
import { LABEL_NODE, LABEL_RUN } from "../../src/docker/labels.js";
import { createBridgeNetwork } from "../../src/docker/networks.js";
import { ensureNodeImage } from "../../src/image/node-image.js";
import { silentProgress } from "../../src/progress.js";

/** What the last node of a hand-made TLS cluster is: one of the cluster, or a stranger the others must keep out. */
export type LastNode = "member" | "foreign-ca" | "plain-tcp";

/**
 * A TLS cluster of meshproof's image started here, outside meshproof (as a
 * user's cluster would be), for attach runs: every node lists every other as
 * a peer and dials it, and the last one is a member, has a certificate of
 * another CA, or runs plain TCP. The containers carry a run label, so
 * `remove` (and the tests' sweep) take them away.
 */
export async function tlsClusterByHand(nodeCount: number, last: LastNode): Promise<{ selector: string; containers: string[]; remove: () => Promise<void> }> {
  const runId = `tls${randomBytes(3).toString("hex")}`;
  const options = clusterOptionsSchema.parse({ nodes: nodeCount, netTicktime: 3 });
  const nodes = clusterNodes(runId, nodeCount);
  const image = await ensureNodeImage({ otp: 25, progress: silentProgress });
  const ours = await newTlsMaterial(nodes.map((n) => n.host), "the cluster's CA");
  const theirs = await newTlsMaterial([nodes.at(-1)!.host], "a stranger's CA");
  const cookie = newCookie();
  await createBridgeNetwork(networkName(runId), { [LABEL_RUN]: runId });
  try {
    for (const [index, node] of nodes.entries()) {
      const kind = index === nodeCount - 1 ? last : "member";
      const material = kind === "foreign-ca" ? theirs : ours;
      const certificate = material.nodes.find((n) => n.host === node.host)!;
      const container = await createContainer({
        name: node.containerName,
        image,
        hostname: node.host,
        network: networkName(runId),
        aliases: [node.host],
        env: { ...nodeEnv(node, nodes, options), ...(kind === "plain-tcp" ? {} : { MESHPROOF_DIST_FLAGS: tlsDistFlags(TLS_PATHS.optfile) }) },
        labels: { [LABEL_RUN]: runId, [LABEL_NODE]: node.name },
        init: true,
        restartPolicy: "on-failure",
        capAdd: ["NET_ADMIN"],
      });
      await putFiles(container, [cookieFile(cookie), ...(kind === "plain-tcp" ? [] : tlsFiles(material, certificate))]);
      await startContainer(container);
    }
  } catch (error) {
    await removeRuns(runId);
    throw error;
  }
  return { selector: `label:${LABEL_RUN}=${runId}`, containers: nodes.map((n) => n.containerName), remove: async () => void (await removeRuns(runId)) };
}
