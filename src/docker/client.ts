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
export type Container = Docker.Container;
