import { describe, expect, it } from "vitest";
import { nodeApiOf } from "../../src/config/node-api.js";
import { clusterOptionsSchema } from "../../src/config/cluster-options.js";
import { storedScenarioSchema } from "../../src/scenario/stored-scenario.js";
import { engineUrlFor, unreachableMessage } from "../../src/cluster/backends/swarm/engine-url-for.js";
import { currentTask } from "../../src/cluster/backends/swarm/current-task.js";

describe("--node-api values", () => {
  it("split into one pattern and URLs by swarm node (hostname or ID)", () => {
    expect(nodeApiOf(["tcp://{addr}:2375", "worker-2=ssh://docker@10.0.0.4", "k3x9=unix:///run/w3.sock"])).toEqual({
      pattern: "tcp://{addr}:2375",
      byNode: { "worker-2": "ssh://docker@10.0.0.4", k3x9: "unix:///run/w3.sock" },
    });
  });

  it("refuse a URL that names no node, a second pattern, a node given twice and a URL Docker's clients do not take", () => {
    expect(() => nodeApiOf(["tcp://10.0.0.3:2375"])).toThrow(/names no swarm node: give NODE=URL/);
    expect(() => nodeApiOf(["tcp://{addr}:2375", "ssh://{hostname}"])).toThrow(/only one pattern/);
    expect(() => nodeApiOf(["w=tcp://a:2375", "w=tcp://b:2375"])).toThrow(/swarm node w is given twice/);
    expect(() => nodeApiOf(["w=http://a:2375"])).toThrow(/http:\/\/ is not an engine URL/);
    expect(() => nodeApiOf(["ftp://{addr}"])).toThrow(/ftp:\/\/ is not an engine URL/);
  });

  it("are refused without --engine swarm, naming the field, and kept as given with it", () => {
    const refused = clusterOptionsSchema.safeParse({ nodeApi: ["tcp://{addr}:2375"] });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues).toEqual([expect.objectContaining({ path: ["nodeApi"], message: expect.stringMatching(/needs --engine swarm/) })]);
    expect(clusterOptionsSchema.parse({ engine: "swarm", nodeApi: "tcp://{addr}:2375" }).nodeApi).toEqual(["tcp://{addr}:2375"]);
    // a report's scenario is parsed again: the value must come out as it went in
    const once = clusterOptionsSchema.parse({ engine: "swarm", nodeApi: ["tcp://{addr}:2375", "w=tcp://a:2375"] });
    expect(storedScenarioSchema.parse({ cluster: once }).cluster).toEqual(once);
  });

  it("name the field when a value is bad", () => {
    const refused = clusterOptionsSchema.safeParse({ engine: "swarm", nodeApi: ["tcp://10.0.0.3"] });
    expect(refused.error!.issues[0]).toMatchObject({ path: ["nodeApi"] });
  });
});

describe("engineUrlFor", () => {
  const manager = { id: "m1", hostname: "manager", addr: "10.0.0.2", schedulable: true };
  const worker = { id: "w1", hostname: "worker-1", addr: "10.0.0.3", schedulable: true };

  it("without --node-api reaches only the manager, the engine meshproof talks to", () => {
    expect(engineUrlFor(manager, undefined, "m1")).toBe("manager");
    expect(engineUrlFor(worker, undefined, "m1")).toBe("unreachable");
  });

  it("fills the pattern for the other nodes and keeps the manager's own engine", () => {
    const api = nodeApiOf(["tcp://{addr}:2375"]);
    expect(engineUrlFor(worker, api, "m1")).toEqual({ url: "tcp://10.0.0.3:2375" });
    expect(engineUrlFor(manager, api, "m1")).toBe("manager");
  });

  it("gives a node named by hostname or ID its own URL, over the pattern and over the manager's engine", () => {
    const api = nodeApiOf(["tcp://{addr}:2375", "worker-1=ssh://docker@w1.example", "m1=unix:///run/m.sock"]);
    expect(engineUrlFor(worker, api, "m1")).toEqual({ url: "ssh://docker@w1.example" });
    expect(engineUrlFor(manager, api, "m1")).toEqual({ url: "unix:///run/m.sock" });
  });

  it("says which node cannot be reached and how to give meshproof a way", () => {
    expect(unreachableMessage(worker, "app@n2's task")).toBe(
      "app@n2's task runs on swarm node worker-1 (10.0.0.3), whose engine meshproof does not reach: it drives one engine (DOCKER_HOST, the manager) unless --node-api says how to reach the others, e.g. --node-api 'tcp://{addr}:2375' or --node-api worker-1=ssh://USER@10.0.0.3",
    );
  });
});

describe("currentTask", () => {
  const task = (id: string, state: string, nodeId?: string, containerId?: string) => ({ id, state, nodeId, containerId, createdAtMs: 0 });

  it("is the running task, on the swarm node it runs on, not the newest that failed", () => {
    expect(currentTask([task("t3", "failed", "w2", "c3"), task("t2", "running", "w1", "c2")])).toEqual({ containerId: "c2", nodeId: "w1", state: "failed" });
  });

  it("is the newest with a container when none runs, and a placed task without one has its node but no container", () => {
    expect(currentTask([task("t2", "shutdown", "w1", "c2"), task("t1", "failed", "w3", "c1")])).toMatchObject({ containerId: "c2", nodeId: "w1" });
    expect(currentTask([task("t1", "assigned", "w2")])).toEqual({ containerId: undefined, nodeId: "w2", state: "assigned" });
    expect(currentTask([])).toEqual({ containerId: undefined, nodeId: undefined, state: "no task" });
  });
});
