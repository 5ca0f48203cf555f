import { randomBytes } from "node:crypto";
import { execa } from "execa";
import { removeRuns } from "../../src/cluster/remove-run.js";
import type { ContainerHandle } from "../../src/docker/client.js";
import { containerByName, listContainers, removeContainer } from "../../src/docker/containers.js";
import { execInContainer } from "../../src/docker/exec.js";
import { listNetworks, removeNetwork } from "../../src/docker/networks.js";
import { runLabelFilter } from "../../src/docker/labels.js";

/* What the docker test files share: the CLI as a user runs it, and the names and sweep of what they start outside meshproof. */

/** The built CLI (global setup compiles dist/), run as a user runs it: a non-zero exit is a result to check, not a throw. */
export function meshproofCli(timeoutMs: number) {
  return (...args: string[]) => execa("node", ["dist/cli/main.js", ...args], { reject: false, timeout: timeoutMs });
}

/**
 * Containers and networks meshproof made that are still on the engine: one run's (by its id), or every run's. A test
 * whose files run beside others counts its own run's only.
 */
export async function runResources(runId?: string): Promise<number> {
  const filter = [runLabelFilter(runId ?? "all")];
  return (await listContainers(filter)).length + (await listNetworks(filter)).length;
}

/** Compose projects the tests start carry this prefix, so a later run can sweep them if this one was killed. */
const TEST_PROJECT_PREFIX = "meshproof-test-";
const COMPOSE_PROJECT = "com.docker.compose.project";

export function testComposeProject(purpose: string): string {
  return `${TEST_PROJECT_PREFIX}${purpose}-${randomBytes(3).toString("hex")}`;
}

/**
 * Removes what an earlier, interrupted test run left on the engine: every
 * meshproof run and every test compose project. Afterwards the tests may
 * count labeled resources from zero.
 */
export async function sweepLeftovers(): Promise<string | undefined> {
  const runs = await removeRuns("all");
  const containers = (await listContainers([COMPOSE_PROJECT])).filter((c) => c.labels[COMPOSE_PROJECT]?.startsWith(TEST_PROJECT_PREFIX));
  await Promise.all(containers.map((c) => removeContainer(containerByName(c.id))));
  const networks = (await listNetworks([COMPOSE_PROJECT])).filter((n) => n.name.startsWith(TEST_PROJECT_PREFIX));
  await Promise.all(networks.map((n) => removeNetwork(n.id)));
  const swept = { ...runs, composeContainers: containers.length, composeNetworks: networks.length };
  return Object.values(swept).some((n) => n > 0) ? JSON.stringify(swept) : undefined;
}

/**
 * Evaluates an Erlang expression on a node, from an `erl` in the node's own
 * container (with the container's cookie) as a hidden node, so that the mesh
 * stays as it is; the value as ~p prints it.
 */
export async function evalOnNode(container: ContainerHandle, node: string, expression: string): Promise<string> {
  const evaluate =
    'N = list_to_atom(os:getenv("NODE")), true = net_kernel:connect_node(N), ' +
    '{ok, T, _} = erl_scan:string(os:getenv("EXPR") ++ "."), {ok, E} = erl_parse:parse_exprs(T), ' +
    '{value, V, _} = erpc:call(N, erl_eval, exprs, [E, []]), io:format("~p", [V]), halt().';
  const result = await execInContainer(container, ["sh", "-c", `exec erl -noshell -hidden -sname look$$ -eval '${evaluate}'`], {
    timeoutMs: 30_000,
    env: [`NODE=${node}`, `EXPR=${expression}`],
  });
  if (result.kind !== "exited" || result.exitCode !== 0) throw new Error(`cannot evaluate ${expression} on ${node}: ${JSON.stringify(result)}`);
  return result.stdout.trim();
}

/**
 * Whether a node holds code of meshproof's probe: the layers reader, or the event recorder as the probe loaded it;
 * and whose recorder runs there: none, the probe's, or the node's own (meshproof's agent runs one from its code path).
 */
export async function meshproofCodeOn(container: ContainerHandle, node: string): Promise<{ loaded: boolean; recorder: "none" | "probe" | "node" }> {
  const byProbe = `code:is_loaded(meshproof_recorder) =:= {file, "meshproof_recorder (loaded by meshproof's probe)"}`;
  const recorder = `case whereis(meshproof_recorder) of undefined -> none; _ -> case ${byProbe} of true -> probe; false -> node end end`;
  const answer = await evalOnNode(container, node, `{code:is_loaded(meshproof_layers) =/= false orelse ${byProbe}, ${recorder}}`);
  const [loaded, runs] = answer.slice(1, -1).split(",");
  return { loaded: loaded === "true", recorder: runs as "none" | "probe" | "node" };
}
