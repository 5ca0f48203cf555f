import { LABEL_NODE } from "../../../docker/labels.js";
import type { ContainerDescription } from "../../../docker/containers.js";
import { erlangCookie } from "../../cookie.js";

/** Where the probe put into an attached container finds the cookie the user gave. */
export const ATTACH_DIR = "/opt/meshproof";
export const ATTACH_COOKIE_PATH = `${ATTACH_DIR}/cookie`;

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
 * (MESHPROOF_COOKIE_FILE), or Erlang's own $HOME/.erlang.cookie.
 */
export type CookieSource = { kind: "value"; value: string } | { kind: "container-file" } | { kind: "home" };

/** `given` is a valid cookie already; one from the container's environment is checked here (its container named, its value never shown). */
export function cookieSourceOf(env: Record<string, string>, given: string | undefined, container: string): CookieSource {
  if (given) return { kind: "value", value: given };
  if (env.MESHPROOF_COOKIE_FILE) return { kind: "container-file" };
  const variable = (["RELEASE_COOKIE", "ERLANG_COOKIE"] as const).find((name) => env[name]);
  if (variable) return { kind: "value", value: erlangCookie(env[variable]!, `${container}: its ${variable}`) };
  return { kind: "home" };
}

/** The probe exec's environment: the node to talk to and, for a written cookie, where it is (and a HOME of meshproof's own, so nothing lands in the user's). */
export function probeEnvFor(node: string, cookie: CookieSource): string[] {
  const env = [`MESHPROOF_NODE=${node}`];
  if (cookie.kind === "value") env.push(`MESHPROOF_COOKIE_FILE=${ATTACH_COOKIE_PATH}`, `HOME=${ATTACH_DIR}`);
  return env;
}

/** A network every container is on: where the nodes reach each other (and where partitions cut). */
export function sharedNetwork(all: readonly ContainerDescription[]): string | undefined {
  return all[0]?.networks.find((network) => all.every((facts) => facts.networks.includes(network)));
}
