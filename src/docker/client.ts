import Docker from "dockerode";

/**
 * The one Docker client of the process. dockerode reads DOCKER_HOST (and the
 * TLS variables) itself and otherwise uses the local unix socket.
 */
let client: Docker | undefined;

export function docker(): Docker {
  client ??= new Docker();
  return client;
}

export type { Docker };

declare const handle: unique symbol;

/**
 * A container as the rest of meshproof holds it: an opaque handle, so that
 * dockerode's types stay inside src/docker/. Only the functions here act on it.
 */
export interface ContainerHandle {
  readonly id: string;
  readonly [handle]: true;
}

/** The dockerode object behind a handle (only for src/docker/). */
export function native(container: ContainerHandle): Docker.Container {
  return container as unknown as Docker.Container;
}

export function handleOf(container: Docker.Container): ContainerHandle {
  return container as unknown as ContainerHandle;
}
