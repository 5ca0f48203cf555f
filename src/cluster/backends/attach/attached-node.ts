import { LABEL_NODE } from "../../../docker/labels.js";
import type { ContainerDescription } from "../../../docker/containers.js";
import { erlangCookie } from "../../cookie.js";

/**
 * Everything attach puts into a container it does not own, in one directory
 * of the attach's own (never the /opt/meshproof of meshproof's image, which
 * must stay as it is): the probe escript, the cookie copy, and the probe VM's
 * HOME, where Erlang writes a cookie file of its own when it finds none.
 * Taking it all back is removing the directory.
 */
export function attachPaths(runId: string): { dir: string; probe: string; cookie: string } {
  const dir = `/opt/meshproof-${runId}`;
  return { dir, probe: `${dir}/probe`, cookie: `${dir}/cookie` };
}

/**
 * The Erlang node name a container runs: from the user's pattern
 * ({hostname}, {service}, {container}), else from what the setup put in its
 * environment (MESHPROOF_NODE, Elixir's RELEASE_NODE, NODE_NAME) or labels.
 */
export function nodeNameOf(facts: ContainerDescription, pattern?: string): string | undefined {
  if (pattern) {
    return pattern
      .replaceAll("{hostname}", facts.hostname)
      .replaceAll("{service}", facts.labels["com.docker.compose.service"] ?? facts.name)
      .replaceAll("{container}", facts.name);
  }
  const fromEnv = facts.env.MESHPROOF_NODE || facts.env.RELEASE_NODE || facts.env.NODE_NAME;
  if (fromEnv) return fromEnv.includes("@") ? fromEnv : `${fromEnv}@${facts.hostname}`;
  return facts.labels[LABEL_NODE];
}

/**
 * How the probe gets the cluster's cookie: a value meshproof writes into the
 * container (given by the user, or found in the container's RELEASE_COOKIE or
 * ERLANG_COOKIE), a cookie file the container names itself
 * (MESHPROOF_COOKIE_FILE), or Erlang's own $HOME/.erlang.cookie of the
 * probe's user, root.
 */
export type CookieSource = { kind: "value"; value: string } | { kind: "container-file" } | { kind: "home"; path: string };

/** `given` is a valid cookie already; one from the container's environment is checked here (its container named, its value never shown). */
export function cookieSourceOf(env: Record<string, string>, given: string | undefined, container: string): CookieSource {
  if (given) return { kind: "value", value: given };
  if (env.MESHPROOF_COOKIE_FILE) return { kind: "container-file" };
  const variable = (["RELEASE_COOKIE", "ERLANG_COOKIE"] as const).find((name) => env[name]);
  if (variable) return { kind: "value", value: erlangCookie(env[variable]!, `${container}: its ${variable}`) };
  // a docker exec as root has the container's HOME, else root's
  return { kind: "home", path: `${env.HOME || "/root"}/.erlang.cookie` };
}

/**
 * The probe exec's environment: the node to talk to, the cookie file to read
 * (none: the container's own MESHPROOF_COOKIE_FILE, which the exec inherits),
 * a HOME in meshproof's directory so that nothing lands in the user's, and
 * no crash dump, which a VM would write into the container's working
 * directory.
 */
export function probeEnvFor(node: string, cookie: CookieSource, paths: ReturnType<typeof attachPaths>): string[] {
  const cookieFile = cookie.kind === "value" ? paths.cookie : cookie.kind === "home" ? cookie.path : undefined;
  return [`MESHPROOF_NODE=${node}`, `HOME=${paths.dir}`, "ERL_CRASH_DUMP_SECONDS=0", ...(cookieFile ? [`MESHPROOF_COOKIE_FILE=${cookieFile}`] : [])];
}

/** The environment of the probe that only asks epmd which node runs there (no node, no cookie), with nothing of it landing in the user's HOME. */
export function discoveryEnvFor(paths: ReturnType<typeof attachPaths>): string[] {
  return [`HOME=${paths.dir}`, "ERL_CRASH_DUMP_SECONDS=0"];
}

/** A network every container is on: where the nodes reach each other (and where partitions cut). */
export function sharedNetwork(all: readonly ContainerDescription[]): string | undefined {
  return all[0]?.networks.find((network) => all.every((facts) => facts.networks.includes(network)));
}
