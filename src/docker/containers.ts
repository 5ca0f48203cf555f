import { docker, type Container } from "./client.js";
import { ignoringGone } from "./gone.js";

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
}

/** Creates (does not start) a container attached to one user-defined network. */
export async function createContainer(spec: ContainerSpec): Promise<Container> {
  return docker().createContainer({
    name: spec.name,
    Image: spec.image,
    Hostname: spec.hostname,
    Env: Object.entries(spec.env).map(([key, value]) => `${key}=${value}`),
    Labels: spec.labels,
    HostConfig: { Init: spec.init, NetworkMode: spec.network },
    NetworkingConfig: { EndpointsConfig: { [spec.network]: { Aliases: spec.aliases } } },
  });
}

export function containerByName(name: string): Container {
  return docker().getContainer(name);
}

/** Containers (running or not) carrying every given label. */
export async function listContainers(labels: string[]): Promise<{ id: string; name: string; labels: Record<string, string> }[]> {
  const found = await docker().listContainers({ all: true, filters: { label: labels } });
  return found.map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, ""), labels: c.Labels }));
}

/** SIGKILL; a container that is already stopped counts as killed. */
export async function killContainer(container: Container, signal = "SIGKILL"): Promise<void> {
  await ignoringGone(() => container.kill({ signal }));
}

export async function startContainer(container: Container): Promise<void> {
  await ignoringGone(() => container.start());
}

/** Force-removes a container with its anonymous volumes; "not found" is done. */
export async function removeContainer(container: Container): Promise<void> {
  await ignoringGone(() => container.remove({ force: true, v: true }));
}

export interface ContainerState {
  running: boolean;
  status: string;
  exitCode: number;
  restartCount: number;
  startedAt: string;
}

export async function containerState(container: Container): Promise<ContainerState> {
  const info = await container.inspect();
  return {
    running: info.State.Running,
    status: info.State.Status,
    exitCode: info.State.ExitCode,
    restartCount: info.RestartCount,
    startedAt: info.State.StartedAt,
  };
}
