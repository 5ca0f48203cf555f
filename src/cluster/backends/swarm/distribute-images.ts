import { defaultEngine } from "../../../docker/client.js";
import { copyImage, imageId } from "../../../docker/images.js";
import { asStep, type Progress } from "../../../progress.js";
import type { SwarmEngines } from "./swarm-engines.js";

/**
 * Puts the node images, built on the engine meshproof talks to, into the
 * engine of every other swarm node it reaches (saved from one, loaded into the
 * other through their APIs: no registry), skipping hosts that have the same
 * image ID already. Hosts it does not reach are left alone: a task placed on
 * one is refused later, naming it.
 */
export async function distributeImages(images: readonly string[], engines: SwarmEngines, progress: Progress): Promise<void> {
  const refs = [...new Set(images)];
  const ids = new Map(await Promise.all(refs.map(async (ref) => [ref, await imageId(ref)] as const)));
  const hosts = (await engines.schedulable()).filter(({ engine }) => engine !== undefined && engine !== defaultEngine());
  const missing = (
    await Promise.all(hosts.map(async ({ node, engine }) => ({ node, engine: engine!, refs: await lacking(engine!) })))
  ).filter((host) => host.refs.length > 0);
  if (!missing.length) return;
  await asStep(progress, `Loading the node image into ${missing.length} swarm hosts (${missing.map((h) => h.node.hostname).join(", ")})`, async () => {
    // one host at a time: each load writes the whole image on its host, and the source engine streams each copy
    for (const host of missing) for (const ref of host.refs) await copyImage(ref, defaultEngine(), host.engine);
  });

  async function lacking(engine: Parameters<typeof imageId>[1]): Promise<string[]> {
    const present = await Promise.all(refs.map(async (ref) => [ref, (await imageId(ref, engine)) === ids.get(ref)] as const));
    return present.filter(([, same]) => !same).map(([ref]) => ref);
  }
}
