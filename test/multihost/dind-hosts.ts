import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { pack } from "tar-stream";
import { docker, engineAt, nativeEngine, type EngineHandle } from "../../src/docker/client.js";
import { parseEngineUrl } from "../../src/engine-address.js";
import { buildImage, imageId } from "../../src/docker/images.js";
import { containerByName, listContainers, removeContainer } from "../../src/docker/containers.js";
import { removeNetwork } from "../../src/docker/networks.js";

/*
 * Docker hosts on one machine: docker-in-docker containers made from Debian's
 * docker.io (on meshproof's debootstrapped base, no registry), on one bridge
 * network, joined into one swarm. Not privileged (refused here: the bounding
 * set lacks CAP_SYS_RESOURCE): every other capability, no seccomp or
 * AppArmor, a private cgroup namespace with cgroup2 mounted writable, and
 * vfs storage on a tmpfs (no overlay on overlay).
 */

/** On every host container; not meshproof.run, so the docker tests' sweep leaves them alone, and the next multihost run sweeps them. */
export const LABEL_MULTIHOST = "meshproof-test.multihost";
export const MULTIHOST_NETWORK = "meshproof-multihost";
const HOST_IMAGE_REPO = "meshproof-test/dind-host";
const ENGINE_PORT = 2375;
const API_DEADLINE_MS = 60_000;
const SWARM_DEADLINE_MS = 60_000;

const DOCKERFILE = (base: string) => `FROM ${base}
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker.io iptables ca-certificates && rm -rf /var/lib/apt/lists/*
`;

// cgroup2 writable in the host's own cgroup namespace, then the engine on its socket and on TCP (for the harness and the other hosts)
const START_ENGINE = `mount -o remount,rw /sys/fs/cgroup; mount -t cgroup2 none /sys/fs/cgroup; exec dockerd --storage-driver=vfs -H unix:///var/run/docker.sock -H tcp://0.0.0.0:${ENGINE_PORT}`;

export interface DindHost {
  name: string;
  ip: string;
  /** Its engine's API, reached from the machine through the bridge network. */
  url: string;
  engine: EngineHandle;
}

/** The host image, built once per base image (a few seconds from Debian's mirror). */
export async function ensureHostImage(baseImage: string): Promise<string> {
  const dockerfile = DOCKERFILE(baseImage);
  const tag = `${HOST_IMAGE_REPO}:${createHash("sha256").update(`${await imageId(baseImage)}\0${dockerfile}`).digest("hex").slice(0, 12)}`;
  if (await imageId(tag)) return tag;
  const context = pack();
  context.entry({ name: "Dockerfile" }, dockerfile);
  context.finalize();
  await buildImage(Readable.from(context), { tag, buildArgs: {}, labels: { [LABEL_MULTIHOST]: "image" } });
  return tag;
}

/** Removes every host container and the network of an earlier multihost run (one killed midway leaves them). */
export async function removeDindHosts(): Promise<number> {
  const left = await listContainers([LABEL_MULTIHOST]);
  await Promise.all(left.map((c) => removeContainer(containerByName(c.id))));
  await removeNetwork(MULTIHOST_NETWORK);
  return left.length;
}

/** Starts `count` hosts, waits for their engines, and joins them into one swarm; the first is its manager. */
export async function startDindHosts(count: number, image: string): Promise<DindHost[]> {
  await docker().createNetwork({ Name: MULTIHOST_NETWORK, Driver: "bridge", CheckDuplicate: true, Labels: { [LABEL_MULTIHOST]: "network" } });
  const hosts = await Promise.all(Array.from({ length: count }, (_, i) => startHost(`mh-host-${i + 1}`, image)));
  const [manager, ...workers] = hosts as [DindHost, ...DindHost[]];
  await nativeEngine(manager.engine).swarmInit({ ListenAddr: `0.0.0.0:2377`, AdvertiseAddr: manager.ip });
  const { JoinTokens } = (await nativeEngine(manager.engine).swarmInspect()) as { JoinTokens: { Worker: string } };
  for (const worker of workers) {
    await nativeEngine(worker.engine).swarmJoin({ ListenAddr: "0.0.0.0:2377", AdvertiseAddr: worker.ip, RemoteAddrs: [`${manager.ip}:2377`], JoinToken: JoinTokens.Worker });
  }
  await untilSwarmReady(manager, count);
  return hosts;
}

async function startHost(name: string, image: string): Promise<DindHost> {
  const container = await docker().createContainer({
    name,
    Hostname: name,
    Image: image,
    Entrypoint: ["sh", "-c", START_ENGINE],
    Labels: { [LABEL_MULTIHOST]: "host" },
    HostConfig: {
      NetworkMode: MULTIHOST_NETWORK,
      CapAdd: ["ALL"],
      CapDrop: ["SYS_RESOURCE"],
      SecurityOpt: ["seccomp=unconfined", "apparmor=unconfined"],
      // the API's form of the CLI's --security-opt systempaths=unconfined: nothing in /proc or /sys masked or read-only
      MaskedPaths: [],
      ReadonlyPaths: [],
      CgroupnsMode: "private",
      Tmpfs: { "/run": "", "/var/lib/docker": "exec" },
    } as Record<string, unknown>,
  });
  await container.start();
  const info = await container.inspect();
  const ip = info.NetworkSettings.Networks[MULTIHOST_NETWORK]!.IPAddress;
  const url = `tcp://${ip}:${ENGINE_PORT}`;
  const engine = engineAt(parseEngineUrl(url));
  const deadline = Date.now() + API_DEADLINE_MS;
  for (;;) {
    try {
      await nativeEngine(engine).ping();
      return { name, ip, url, engine };
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`the engine of ${name} did not answer at ${url} within ${API_DEADLINE_MS / 1000} s: ${String(error)}`);
      await sleep(500);
    }
  }
}

/** Until the manager lists every host as a ready, active node. */
async function untilSwarmReady(manager: DindHost, count: number): Promise<void> {
  const deadline = Date.now() + SWARM_DEADLINE_MS;
  for (;;) {
    const nodes = (await nativeEngine(manager.engine).listNodes()) as { Status?: { State?: string }; Spec?: { Availability?: string } }[];
    if (nodes.filter((n) => n.Status?.State === "ready" && n.Spec?.Availability === "active").length === count) return;
    if (Date.now() > deadline) throw new Error(`the swarm has ${nodes.length} nodes, not ${count} ready ones, after ${SWARM_DEADLINE_MS / 1000} s`);
    await sleep(500);
  }
}
