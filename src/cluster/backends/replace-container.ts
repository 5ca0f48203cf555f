import { containerByName, containerState, killContainer, removeContainer, renameContainer } from "../../docker/containers.js";
import type { ClusterNode } from "../cluster-node.js";
import type { NodeMaker } from "../node-maker.js";

/**
 * A node's container replaced by a new one made as the first was. The old one
 * keeps running (and so keeps its address) under another name until the new
 * one has started: Docker's IPAM hands a freed address straight back, and a
 * replaced node must come back on a new one. The new VM takes about a second
 * to boot, so the old one is dead before the new one dials anybody. `start`
 * is the harness's own start (not counted as the engine's restart).
 */
export async function replaceContainer(node: ClusterNode, makeNode: NodeMaker, start: (node: ClusterNode) => Promise<void>): Promise<void> {
  const { id } = await containerState(containerByName(node.containerName));
  const old = containerByName(id);
  await renameContainer(old, `${node.containerName}-replaced-${id.slice(0, 12)}`);
  try {
    await makeNode(node);
    await start(node);
  } catch (error) {
    // back as it was: the old container under its name (a new one made meanwhile goes first)
    await removeContainer(containerByName(node.containerName));
    await renameContainer(old, node.containerName);
    throw error;
  }
  await killContainer(old);
  await removeContainer(old);
}
