import { describe, it, expect } from "vitest";
import {
  attachPaths,
  cookieSourceOf,
  nodeNameOf,
  probeEnvFor,
  sharedNetwork,
} from "../../src/cluster/backends/attach/attached-node.js";
import { LABEL_NODE } from "../../src/docker/labels.js";
import type { ContainerDescription } from "../../src/docker/containers.js";
import { usageError } from "./usage-error.js";

/** A compose container of service "api", with nothing that names its node unless a test adds it. */
function facts(fields: Partial<ContainerDescription> = {}): ContainerDescription {
  return {
    id: "0123456789abcdef",
    name: "shop-api-1",
    hostname: "0123456789ab",
    env: {},
    labels: { "com.docker.compose.service": "api", "com.docker.compose.project": "shop" },
    networks: ["shop_default"],
    restartPolicy: "no",
    ...fields,
  };
}

describe("nodeNameOf", () => {
  it("fills the {hostname}, {service} and {container} placeholders of a pattern", () => {
    const f = facts();
    expect(nodeNameOf(f, "app@{hostname}")).toBe("app@0123456789ab");
    expect(nodeNameOf(f, "{service}@{hostname}")).toBe("api@0123456789ab");
    expect(nodeNameOf(f, "app@{container}")).toBe("app@shop-api-1");
  });

  it("fills every occurrence of a placeholder", () => {
    expect(nodeNameOf(facts(), "{service}-{service}@{hostname}.{hostname}")).toBe("api-api@0123456789ab.0123456789ab");
  });

  it("falls back to the container name for {service} outside compose", () => {
    expect(nodeNameOf(facts({ labels: {} }), "{service}@{hostname}")).toBe("shop-api-1@0123456789ab");
  });

  it("lets a pattern win over whatever the environment and labels say", () => {
    const f = facts({ env: { MESHPROOF_NODE: "env@host" }, labels: { [LABEL_NODE]: "label@host" } });
    expect(nodeNameOf(f, "app@{hostname}")).toBe("app@0123456789ab");
  });

  it("takes MESHPROOF_NODE as is when it has a host", () => {
    expect(nodeNameOf(facts({ env: { MESHPROOF_NODE: "app@n1" } }))).toBe("app@n1");
  });

  it("takes RELEASE_NODE with its host as is", () => {
    expect(nodeNameOf(facts({ env: { RELEASE_NODE: "shop@api.internal" } }))).toBe("shop@api.internal");
  });

  it("adds the container's hostname to a RELEASE_NODE without one (Elixir's short name)", () => {
    expect(nodeNameOf(facts({ env: { RELEASE_NODE: "shop" } }))).toBe("shop@0123456789ab");
  });

  it("reads NODE_NAME, with and without a host", () => {
    expect(nodeNameOf(facts({ env: { NODE_NAME: "rabbit@mq1" } }))).toBe("rabbit@mq1");
    expect(nodeNameOf(facts({ env: { NODE_NAME: "rabbit" } }))).toBe("rabbit@0123456789ab");
  });

  it("prefers MESHPROOF_NODE, then RELEASE_NODE, then NODE_NAME", () => {
    const env = { MESHPROOF_NODE: "a@h", RELEASE_NODE: "b@h", NODE_NAME: "c@h" };
    expect(nodeNameOf(facts({ env }))).toBe("a@h");
    expect(nodeNameOf(facts({ env: { RELEASE_NODE: "b@h", NODE_NAME: "c@h" } }))).toBe("b@h");
  });

  it("skips an empty variable for the next one", () => {
    expect(nodeNameOf(facts({ env: { MESHPROOF_NODE: "", RELEASE_NODE: "b@h" } }))).toBe("b@h");
  });

  it("falls back to the meshproof.node label when the environment names no node", () => {
    expect(nodeNameOf(facts({ labels: { [LABEL_NODE]: "app@n3" } }))).toBe("app@n3");
  });

  it("prefers the environment over the label", () => {
    expect(nodeNameOf(facts({ env: { RELEASE_NODE: "shop" }, labels: { [LABEL_NODE]: "app@n3" } }))).toBe("shop@0123456789ab");
  });

  it("gives undefined when nothing names the node (and an empty pattern is no pattern)", () => {
    expect(nodeNameOf(facts())).toBeUndefined();
    expect(nodeNameOf(facts(), "")).toBeUndefined();
    expect(nodeNameOf(facts({ env: { PATH: "/usr/bin", HOSTNAME: "x" } }))).toBeUndefined();
  });
});

describe("cookieSourceOf", () => {
  const full = { MESHPROOF_COOKIE_FILE: "/run/secrets/cookie", RELEASE_COOKIE: "from-release", ERLANG_COOKIE: "from-erlang" };

  it("uses the cookie the user gave over anything in the container", () => {
    expect(cookieSourceOf(full, "given", "shop-api-1")).toEqual({ kind: "value", value: "given" });
    expect(cookieSourceOf({}, "given", "shop-api-1")).toEqual({ kind: "value", value: "given" });
  });

  it("uses the container's own cookie file when it names one", () => {
    expect(cookieSourceOf(full, undefined, "shop-api-1")).toEqual({ kind: "container-file" });
  });

  it("takes RELEASE_COOKIE, then ERLANG_COOKIE, as a value to write", () => {
    expect(cookieSourceOf({ RELEASE_COOKIE: "r", ERLANG_COOKIE: "e" }, undefined, "shop-api-1")).toEqual({ kind: "value", value: "r" });
    expect(cookieSourceOf({ ERLANG_COOKIE: "e" }, undefined, "shop-api-1")).toEqual({ kind: "value", value: "e" });
  });

  it("refuses a cookie in the environment that Erlang would not take, naming the container and variable but not the value", () => {
    const error = usageError(() => cookieSourceOf({ RELEASE_COOKIE: "s3cr3t\nvalue" }, undefined, "shop-api-1"));
    expect(error.message).toMatch(/^shop-api-1: its RELEASE_COOKIE: not a valid Erlang cookie/);
    expect(error.message).not.toMatch(/s3cr3t|value/);
  });

  it("falls back to the probe's $HOME/.erlang.cookie (root's, or the container's HOME) when nothing is given or found", () => {
    expect(cookieSourceOf({}, undefined, "shop-api-1")).toEqual({ kind: "home", path: "/root/.erlang.cookie" });
    expect(cookieSourceOf({ PATH: "/usr/bin", HOME: "/srv/app" }, undefined, "shop-api-1")).toEqual({ kind: "home", path: "/srv/app/.erlang.cookie" });
  });

  it("treats an empty cookie, given or in the environment, as none", () => {
    expect(cookieSourceOf({ RELEASE_COOKIE: "r" }, "", "shop-api-1")).toEqual({ kind: "value", value: "r" });
    expect(cookieSourceOf({ MESHPROOF_COOKIE_FILE: "", RELEASE_COOKIE: "" }, undefined, "shop-api-1")).toEqual({ kind: "home", path: "/root/.erlang.cookie" });
  });
});

describe("attachPaths", () => {
  it("keeps everything in one directory of the attach's own, apart from meshproof's image's /opt/meshproof", () => {
    const paths = attachPaths("attach-0a1b2c3d");
    expect(paths.dir).toBe("/opt/meshproof-attach-0a1b2c3d");
    expect(paths.probe.startsWith(`${paths.dir}/`)).toBe(true);
    expect(paths.cookie.startsWith(`${paths.dir}/`)).toBe(true);
  });
});

describe("probeEnvFor", () => {
  const paths = attachPaths("attach-0a1b2c3d");

  it("points the probe at the node and at the cookie meshproof wrote, with a HOME in meshproof's directory and no crash dump", () => {
    expect(probeEnvFor("app@n1", { kind: "value", value: "secret" }, paths)).toEqual([
      "MESHPROOF_NODE=app@n1",
      `HOME=${paths.dir}`,
      "ERL_CRASH_DUMP_SECONDS=0",
      `MESHPROOF_COOKIE_FILE=${paths.cookie}`,
    ]);
  });

  it("never puts the cookie itself into the environment", () => {
    expect(probeEnvFor("app@n1", { kind: "value", value: "secret" }, paths).join(" ")).not.toContain("secret");
  });

  it("reads the home cookie as a file, so that the probe's Erlang creates none in the user's HOME", () => {
    expect(probeEnvFor("app@n2", { kind: "home", path: "/root/.erlang.cookie" }, paths)).toContain("MESHPROOF_COOKIE_FILE=/root/.erlang.cookie");
  });

  it("leaves the container's own MESHPROOF_COOKIE_FILE in place", () => {
    expect(probeEnvFor("app@n2", { kind: "container-file" }, paths)).toEqual(["MESHPROOF_NODE=app@n2", `HOME=${paths.dir}`, "ERL_CRASH_DUMP_SECONDS=0"]);
  });
});

describe("sharedNetwork", () => {
  it("finds the network every container is on", () => {
    const all = [facts({ networks: ["bridge", "shop_default"] }), facts({ networks: ["shop_default"] }), facts({ networks: ["other", "shop_default"] })];
    expect(sharedNetwork(all)).toBe("shop_default");
  });

  it("takes the first container's order when several are shared", () => {
    const all = [facts({ networks: ["b", "a"] }), facts({ networks: ["a", "b"] })];
    expect(sharedNetwork(all)).toBe("b");
  });

  it("gives undefined when no network is shared by all", () => {
    expect(sharedNetwork([facts({ networks: ["a"] }), facts({ networks: ["b"] })])).toBeUndefined();
    expect(sharedNetwork([facts({ networks: ["a", "b"] }), facts({ networks: ["b"] }), facts({ networks: ["a"] })])).toBeUndefined();
    expect(sharedNetwork([facts({ networks: [] }), facts({ networks: ["a"] })])).toBeUndefined();
  });

  it("gives a lone container's first network, and nothing for no containers", () => {
    expect(sharedNetwork([facts({ networks: ["solo", "x"] })])).toBe("solo");
    expect(sharedNetwork([])).toBeUndefined();
  });
});
