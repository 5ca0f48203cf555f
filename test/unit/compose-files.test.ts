import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { LABEL_RUN } from "../../src/docker/labels.js";
import { composeFiles } from "../../src/compose/compose-files.js";
import { clusterOptionsSchema } from "../../src/config/cluster-options.js";
import { nodeImageAlias } from "../../src/image/node-image.js";

const defaults = clusterOptionsSchema.parse({});
const IMAGE = nodeImageAlias(27);

interface Service {
  hostname: string;
  image: string;
  environment: Record<string, string>;
  labels: Record<string, string>;
  deploy?: { endpoint_mode: string };
}

function services(yaml: string): Record<string, Service> {
  // YAML 1.1, as docker-compose and docker stack deploy read it
  return (parse(yaml, { version: "1.1" }) as { services: Record<string, Service> }).services;
}

describe("composeFiles", () => {
  it("gives the committed compose/ files for the default cluster (regenerate: npx meshproof compose)", async () => {
    const files = composeFiles(defaults, () => IMAGE);
    expect(files.cluster).toBe(await readFile("compose/cluster.yml", "utf8"));
    expect(files.stack).toBe(await readFile("compose/stack.yml", "utf8"));
  });

  it.each(["cluster", "stack"] as const)("%s: one service per node, nK with hostname nK, labeled with its node but not with a run", (file) => {
    const found = services(composeFiles(clusterOptionsSchema.parse({ nodes: 3 }), () => IMAGE)[file]);
    expect(Object.keys(found)).toEqual(["n1", "n2", "n3"]);
    for (const [name, service] of Object.entries(found)) {
      expect(service.hostname).toBe(name);
      expect(service.image).toBe(IMAGE);
      expect(service.labels["meshproof.node"]).toBe(`app@${name}`);
      expect(service.labels).not.toHaveProperty(LABEL_RUN);
      expect(service.environment.MESHPROOF_PEERS).toBe("app@n1 app@n2 app@n3");
    }
  });

  it("reads every environment value back as the string the agent expects, even on and off", () => {
    const options = clusterOptionsSchema.parse({ agentReconnect: "off", pgRejoin: "off", preventOverlappingPartitions: false });
    for (const file of Object.values(composeFiles(options, () => IMAGE))) {
      const env = services(file).n1?.environment;
      expect(env).toMatchObject({ MESHPROOF_RECONNECT_MS: "off", MESHPROOF_PG_REJOIN: "off", MESHPROOF_PREVENT_OVERLAPPING_PARTITIONS: "false" });
      for (const value of Object.values(env ?? {})) expect(typeof value).toBe("string");
    }
  });

  it("passes the cookie as a secret file, never as a value", () => {
    for (const file of Object.values(composeFiles(defaults, () => IMAGE))) {
      const parsed = parse(file, { version: "1.1" }) as { secrets: unknown; services: Record<string, Service> };
      expect(parsed.secrets).toEqual({ erlang_cookie: { file: "./cookie" } });
      for (const service of Object.values(parsed.services)) {
        expect(service.environment.MESHPROOF_COOKIE_FILE).toBe("/run/secrets/erlang_cookie");
        expect(Object.keys(service.environment).filter((key) => /COOKIE/.test(key))).toEqual(["MESHPROOF_COOKIE_FILE"]);
      }
    }
  });

  it("resolves each stack node to its task (dnsrr) on an attachable overlay network", () => {
    const stack = parse(composeFiles(defaults, () => IMAGE).stack, { version: "1.1" }) as { networks: unknown; services: Record<string, Service> };
    expect(Object.values(stack.services).map((s) => s.deploy?.endpoint_mode)).toEqual(Array(5).fill("dnsrr"));
    expect(stack.networks).toEqual({ mesh: { driver: "overlay", attachable: true } });
  });

  it("names the command that writes the same files again", () => {
    expect(composeFiles(defaults, () => IMAGE).cluster).toMatch(/^# .*meshproof compose.*\n#   meshproof compose\n/);
    const options = clusterOptionsSchema.parse({ nodes: 3, otp: 29, agentReconnect: "off" });
    expect(composeFiles(options, nodeImageAlias).stack).toContain("#   meshproof compose --nodes 3 --otp 29 --agent-reconnect off\n");
  });
});
