import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execInContainer } from "../../src/docker/exec.js";
import { parseAnswerLines } from "../../src/probe/protocol.js";
import { discoverSchema, layersSchema, registerSchema, unregisterSchema } from "../../src/probe/replies.js";
import type { ProbeRequest } from "../../src/probe/ops.js";
import { PROBE_PATH } from "../../src/probe/run-probe.js";
import { startCluster, type StartedCluster } from "../../src/index.js";

/* The layers above the mesh as each node's probe reads them: pg, global, Mnesia, the user's invariants, and Mnesia's own partition events. */

let cluster: StartedCluster;
beforeAll(async () => {
  cluster = await startCluster({ nodes: 3 });
});
afterAll(async () => {
  await cluster?.down();
});

async function resultOf(node: string, request: ProbeRequest): Promise<unknown> {
  const outcome = await cluster.ask(node, [request]);
  const [answer] = outcome.answers;
  if (!answer?.ok) throw new Error(`${request.op} on ${node}: ${outcome.reason ?? JSON.stringify(answer)}`);
  return answer.result;
}

const layersOn = async (node: string, sync = false, invariants: string[] = []) => layersSchema.parse(await resultOf(node, { op: "layers", sync, invariants }));

/** Evaluates Erlang expressions in a hidden node in `node`'s container (its cookie), so that the mesh stays as it is; returns what they print. */
async function erl(node: string, exprs: string): Promise<string> {
  const run = await execInContainer(await cluster.container(node), ["sh", "-c", 'exec erl -noshell -hidden -sname look$$ -kernel net_ticktime 5 -eval "$EXPRS"'], {
    timeoutMs: 60_000,
    env: [`EXPRS=${exprs} halt().`],
  });
  if (run.kind !== "exited" || run.exitCode !== 0) throw new Error(`erl in ${node}'s container: ${JSON.stringify(run)}`);
  return run.stdout;
}

describe("the probe's layers", () => {
  it("reads every pg scope, global's names with the agent's one per node, and no Mnesia where none runs", async () => {
    await erl("app@n1", "{ok, _} = erpc:call('app@n1', pg, start, [extra]), spawn('app@n1', fun() -> pg:join(extra, {g, 1}, self()), timer:sleep(infinity) end), timer:sleep(200),");
    const n1 = await layersOn("app@n1", true);
    expect(n1.pg.map((view) => [view.scope, view.groups.map((g) => [g.group, g.local.length])])).toEqual([
      ["extra", [["{g,1}", 1]]],
      ["meshproof", [["pool", 2]]],
    ]);
    expect(n1.global.names.map((n) => [n.name, n.pid.node, n.alive])).toEqual([
      ["{meshproof_agent,app@n1}", "app@n1", true],
      ["{meshproof_agent,app@n2}", "app@n2", null],
      ["{meshproof_agent,app@n3}", "app@n3", null],
    ]);
    expect(n1.global.sync).toBeTypeOf("number");
    expect(n1.mnesia).toBeNull();
    expect((await layersOn("app@n2")).global.sync).toBe("skipped");
  });

  it("gives an invariant's value as the same text on every node, and says why another has none", async () => {
    const invariants = ["lists:sort([node() | nodes()])", "global:whereis_name({meshproof_agent, 'app@n1'})", "no_such:fn()", "lists:sort(", "throw(x)"];
    const views = await Promise.all(cluster.nodeNames.map((node) => layersOn(node, false, invariants)));
    for (const view of views) {
      expect(view.invariants).toEqual([
        { value: "[app@n1,app@n2,app@n3]" },
        { value: expect.stringMatching(/^<app@n1\.\d+\.\d+>$/) },
        { error: "error:undef" },
        { error: "does not parse: syntax error before: '.'" },
        { error: "throw:x" },
      ]);
    }
    expect(new Set(views.map((view) => JSON.stringify(view.invariants))).size).toBe(1);
  });

  it("registers a global name held by a process of the node, refuses a second holder, and unregisters it from any node", async () => {
    const first = registerSchema.parse(await resultOf("app@n1", { op: "register", name: "job_1" }));
    expect(first).toMatchObject({ registered: true, pid: { node: "app@n1" } });
    expect(registerSchema.parse(await resultOf("app@n2", { op: "register", name: "job_1" }))).toMatchObject({ registered: false, pid: { node: "app@n2" } });
    expect((await layersOn("app@n3")).global.names.find((n) => n.name === "job_1")?.pid).toEqual(first.pid);

    expect(unregisterSchema.parse(await resultOf("app@n3", { op: "unregister", name: "job_1" }))).toBe(true);
    expect(unregisterSchema.parse(await resultOf("app@n3", { op: "unregister", name: "job_1" }))).toBe(false);
  });

  it("discovers the node names epmd knows in a container without asking any node", async () => {
    const container = await cluster.container("app@n2");
    const run = await execInContainer(container, [PROBE_PATH, "--node", "nobody@nowhere", "discover"], { timeoutMs: 20_000 });
    expect(run.kind === "exited" && run.exitCode).toBe(0);
    const [answer] = run.kind === "exited" ? parseAnswerLines(run.stdout) : [];
    expect(answer?.ok && discoverSchema.parse(answer.result)).toEqual({ host: "n2", names: ["app"] });
  });

  it("sees Mnesia stay split after a partition, and the recorder logs Mnesia's inconsistent_database on both sides", async () => {
    await Promise.all(["app@n1", "app@n2"].map((node) => resultOf(node, { op: "record" })));
    await erl(
      "app@n1",
      "[ok = erpc:call(N, mnesia, start, []) || N <- ['app@n1', 'app@n2']], " +
        "{ok, _} = erpc:call('app@n1', mnesia, change_config, [extra_db_nodes, ['app@n2']]), " +
        "{atomic, ok} = erpc:call('app@n1', mnesia, create_table, [users, [{ram_copies, ['app@n1', 'app@n2']}]]), " +
        // the recorder looks for a Mnesia to subscribe to every second
        "timer:sleep(1500),",
    );
    expect((await layersOn("app@n1")).mnesia).toEqual({
      dbNodes: ["app@n1", "app@n2"],
      runningDbNodes: ["app@n1", "app@n2"],
      tables: [{ name: "users", holders: ["app@n1", "app@n2"], localContent: false, activeReplicas: ["app@n1", "app@n2"], whereToRead: "app@n1" }],
    });
    expect((await layersOn("app@n3")).mnesia).toBeNull();

    // both sides lose each other; the agents dial again after their jitter, and Mnesia, meeting its
    // peer again, reports the partition on both sides (the events come only once they reconnect)
    await erl("app@n1", "erpc:call('app@n1', erlang, disconnect_node, ['app@n2']), erpc:call('app@n2', erlang, disconnect_node, ['app@n1']),");
    // meshproof's agent keeps the node events on its image: the recorder's log is read from the node itself
    const logged = async () =>
      (await erl("app@n1", "io:format(\"~s\", [[io_lib:format(\"~s ~s ~s~n\", [K, N, R]) || N0 <- ['app@n1', 'app@n2'], #{kind := K, node := N, reason := R} <- maps:get(events, erpc:call(N0, meshproof_recorder, events, [0, false])), K =:= inconsistent_database]]),"))
        .trim()
        .split("\n")
        .sort();
    await expect.poll(logged, { timeout: 20_000, interval: 500 }).toEqual(["inconsistent_database app@n1 running_partitioned_network", "inconsistent_database app@n2 running_partitioned_network"]);
    expect((await layersOn("app@n1")).mnesia?.runningDbNodes).toEqual(["app@n1"]);
    expect((await layersOn("app@n2")).mnesia?.runningDbNodes).toEqual(["app@n2"]);

    await Promise.all(["app@n1", "app@n2"].map((node) => resultOf(node, { op: "unrecord" })));
  });
});
