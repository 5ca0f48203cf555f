import { readFileSync } from "node:fs";
import { join } from "node:path";
import Docker from "dockerode";
import type { EngineAddress } from "../engine-address.js";

/**
 * The default Docker client of the process. dockerode reads DOCKER_HOST (and
 * the TLS variables) itself and otherwise uses the local unix socket.
 */
let client: Docker | undefined;

export function docker(): Docker {
  client ??= new Docker();
  return client;
}

export type { Docker };

declare const handle: unique symbol;
declare const engineHandle: unique symbol;

/**
 * A container as the rest of meshproof holds it: an opaque handle, so that
 * dockerode's types stay inside src/docker/. Only the functions here act on it.
 * It is bound to the engine it was found on: everything done to it goes there.
 */
export interface ContainerHandle {
  readonly id: string;
  readonly [handle]: true;
}

/** One Docker engine's API (on a multi-host swarm, each swarm node has its own). */
export interface EngineHandle {
  readonly [engineHandle]: true;
}

/** The dockerode object behind a handle (only for src/docker/). */
export function native(container: ContainerHandle): Docker.Container {
  return container as unknown as Docker.Container;
}

export function handleOf(container: Docker.Container): ContainerHandle {
  return container as unknown as ContainerHandle;
}

/** The engine DOCKER_HOST names (or the local socket): the one that builds images and, on swarm, the manager. */
export function defaultEngine(): EngineHandle {
  return docker() as unknown as EngineHandle;
}

/** The dockerode client behind an engine handle (only for src/docker/). */
export function nativeEngine(engine: EngineHandle): Docker {
  return engine as unknown as Docker;
}

/**
 * A client of the engine at an address. The TLS files come from
 * DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem), as for Docker's own clients;
 * ssh uses the agent at SSH_AUTH_SOCK.
 */
export function engineAt(address: EngineAddress): EngineHandle {
  return new Docker(dockerodeOptions(address)) as unknown as EngineHandle;
}

function dockerodeOptions(address: EngineAddress): Docker.DockerOptions {
  switch (address.kind) {
    case "unix":
      // host unset, or dockerode's defaults from DOCKER_HOST would win over the socket
      return { socketPath: address.socketPath, host: undefined };
    case "ssh":
      return { protocol: "ssh", host: address.host, port: address.port, ...(address.username ? { username: address.username } : {}), sshOptions: { agent: process.env.SSH_AUTH_SOCK } } as Docker.DockerOptions;
    case "tcp":
      return address.tls ? { protocol: "https", host: address.host, port: address.port, ...tlsFiles() } : { protocol: "http", host: address.host, port: address.port };
  }
}

function tlsFiles(): Pick<Docker.DockerOptions, "ca" | "cert" | "key"> {
  const dir = process.env.DOCKER_CERT_PATH;
  if (!dir) return {};
  return { ca: readFileSync(join(dir, "ca.pem")), cert: readFileSync(join(dir, "cert.pem")), key: readFileSync(join(dir, "key.pem")) };
}
