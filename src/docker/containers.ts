import { setTimeout as sleep } from "node:timers/promises";
import { defaultEngine, docker, handleOf, native, nativeEngine, type ContainerHandle, type EngineHandle } from "./client.js";
import { ignoringGone, statusOf } from "./gone.js";

export interface ContainerSpec {
  name: string;
  image: string;
  hostname: string;
  network: string;
  /** Names other containers on `network` resolve to this one. */
  aliases: string[];
  env: Record<string, string>;
  labels: Record<string, string>;
  /** Run an init as PID 1, so the main process dying ends the container. */
  init: boolean;
  /** "on-failure": the engine restarts the container when its main process dies with a non-zero status. */
  restartPolicy: "no" | "on-failure";
  /** Extra capabilities, e.g. NET_ADMIN so that execs in it can change its network namespace. */
  capAdd: string[];
  /** Replaces the image's entrypoint and command (a user's image started by its --node-cmd). */
  entrypoint?: string[];
  cmd?: string[];
}

/** Creates (does not start) a container attached to one user-defined network. */
export async function createContainer(spec: ContainerSpec): Promise<ContainerHandle> {
  return handleOf(await docker().createContainer({
    name: spec.name,
    Image: spec.image,
    Entrypoint: spec.entrypoint,
    Cmd: spec.cmd,
    Hostname: spec.hostname,
    Env: Object.entries(spec.env).map(([key, value]) => `${key}=${value}`),
    Labels: spec.labels,
    HostConfig: { Init: spec.init, NetworkMode: spec.network, RestartPolicy: { Name: spec.restartPolicy }, CapAdd: spec.capAdd },
    NetworkingConfig: { EndpointsConfig: { [spec.network]: { Aliases: spec.aliases } } },
  }));
}

/** A container by name or ID, on the default engine or the one given (a swarm node's). */
export function containerByName(name: string, engine: EngineHandle = defaultEngine()): ContainerHandle {
  return handleOf(nativeEngine(engine).getContainer(name));
}

/** Containers (running or not) carrying every given label. */
export async function listContainers(labels: string[]): Promise<{ id: string; name: string; labels: Record<string, string> }[]> {
  const found = await docker().listContainers({ all: true, filters: { label: labels } });
  return found.map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, ""), labels: c.Labels }));
}

/** SIGKILL; a container that is already stopped counts as killed. */
export async function killContainer(container: ContainerHandle, signal = "SIGKILL"): Promise<void> {
  await ignoringGone(() => native(container).kill({ signal }));
}

export async function startContainer(container: ContainerHandle): Promise<void> {
  await ignoringGone(() => native(container).start());
}

/** Graceful stop: SIGTERM, then SIGKILL after `graceSeconds`. */
export async function stopContainer(container: ContainerHandle, graceSeconds: number): Promise<void> {
  await ignoringGone(() => native(container).stop({ t: graceSeconds }));
}

/** Freezes every process of the container (cgroup freezer); nothing it holds is closed. */
export async function pauseContainer(container: ContainerHandle): Promise<void> {
  await ignoringGone(() => native(container).pause());
}

export async function unpauseContainer(container: ContainerHandle): Promise<void> {
  await ignoringGone(() => native(container).unpause());
}

/** A loaded engine can miss a killed container's exit event and refuse the removal once ("did not receive an exit event"). */
const REMOVE_TRIES = 3;
const REMOVE_RETRY_MS = 1_000;

/** Force-removes a container with its anonymous volumes; "not found" is done, and a removal the engine fumbled is tried again. */
export async function removeContainer(container: ContainerHandle): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ignoringGone(() => native(container).remove({ force: true, v: true }));
    } catch (error) {
      if (attempt >= REMOVE_TRIES || statusOf(error) !== 500) throw error;
      await sleep(REMOVE_RETRY_MS);
    }
  }
}

export interface ContainerState {
  /** The container's id: a replaced node runs in a new one, under the same name. */
  id: string;
  running: boolean;
  paused: boolean;
  status: string;
  exitCode: number;
  /** Wall-clock ms of the last start. */
  startedAtMs: number;
  /** IP address per network name. */
  addresses: Record<string, string>;
  /** The CPUs it may use (HostConfig.NanoCpus / 1e9); null when no limit is in effect (none, or all of the engine's). */
  cpus: number | null;
}

export async function containerState(container: ContainerHandle): Promise<ContainerState> {
  const info = await native(container).inspect();
  const nanoCpus = info.HostConfig.NanoCpus ?? 0;
  return {
    id: info.Id,
    running: info.State.Running,
    paused: info.State.Paused,
    status: info.State.Status,
    exitCode: info.State.ExitCode,
    startedAtMs: Date.parse(info.State.StartedAt),
    addresses: Object.fromEntries(Object.entries(info.NetworkSettings.Networks).map(([name, net]) => [name, net.IPAddress])),
    cpus: nanoCpus === 0 || nanoCpus >= (await engineCpus()) * 1e9 ? null : nanoCpus / 1e9,
  };
}

let cpusOfEngine: Promise<number> | undefined;

/** How many CPUs the engine's host has (asked once). */
export function engineCpus(): Promise<number> {
  cpusOfEngine ??= docker().info().then((info: { NCPU: number }) => info.NCPU);
  return cpusOfEngine;
}

/**
 * Limits the CPUs a running container may use (its CFS quota), or lifts the
 * limit (null). The engine reads NanoCpus 0 as "leave it as it is" and
 * refuses -1, so a limit once set is lifted by allowing all of its host's CPUs.
 */
export async function limitContainerCpus(container: ContainerHandle, cpus: number | null): Promise<void> {
  const nanoCpus = Math.round((cpus ?? (await engineCpus())) * 1e9);
  await native(container).update({ NanoCpus: nanoCpus });
}

/** Gives a container a new name, freeing its own for another. */
export async function renameContainer(container: ContainerHandle, name: string): Promise<void> {
  await native(container).rename({ name });
}

/** A container as its configuration says: what attach mode reads to make it a node. */
export interface ContainerDescription {
  id: string;
  name: string;
  hostname: string;
  env: Record<string, string>;
  labels: Record<string, string>;
  networks: string[];
  /** Docker's restart policy ("no", "on-failure", "always", "unless-stopped"): whether a crash comes back by itself. */
  restartPolicy: string;
}

export async function describeContainer(id: string): Promise<ContainerDescription> {
  const info = await docker().getContainer(id).inspect();
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ""),
    hostname: info.Config.Hostname,
    env: Object.fromEntries((info.Config.Env ?? []).map((entry) => [entry.split("=", 1)[0]!, entry.slice(entry.indexOf("=") + 1 || entry.length)])),
    labels: info.Config.Labels ?? {},
    networks: Object.keys(info.NetworkSettings.Networks),
    restartPolicy: info.HostConfig.RestartPolicy?.Name ?? "no",
  };
}
