import type { ContainerDescription } from "../../../docker/containers.js";
import { containerByName } from "../../../docker/containers.js";
import { UsageError } from "../../../errors.js";
import { parseReply } from "../../../probe/ops.js";
import { runProbe, type ProbeLaunch } from "../../../probe/run-probe.js";

/** Long enough for a probe VM to boot and ask epmd on a busy machine. */
const DISCOVER_TIMEOUT_MS = 15_000;

/**
 * The node a container runs, as Erlang names it there: the one name epmd in
 * the container knows, at the container's own short hostname (what -sname
 * takes). Asked by the probe already copied in, which starts no distribution
 * for it. None or several: the user must say (--node-name).
 */
export async function discoverNodeName(facts: ContainerDescription, launch: ProbeLaunch, flag: string): Promise<string> {
  const outcome = await runProbe(containerByName(facts.id), [{ op: "discover" }], { timeoutMs: DISCOVER_TIMEOUT_MS, launch });
  const answer = outcome.answers.find((a) => a.op === "discover");
  const parsed = answer?.ok ? parseReply("discover", answer.result) : undefined;
  if (!parsed?.success) {
    const why = outcome.reason ?? (answer && !answer.ok ? answer.error : "the probe gave no answer");
    throw new UsageError(`${flag}: cannot ask epmd in ${facts.name} which node it runs (${why}); give --node-name, e.g. app@{hostname}`);
  }
  const { host, names } = parsed.data;
  if (names.length === 1) return `${names[0]}@${host}`;
  if (names.length === 0) throw new UsageError(`${flag}: no Erlang node is registered with epmd in ${facts.name}; is the node running? Else give --node-name`);
  throw new UsageError(`${flag}: ${facts.name} runs ${names.length} Erlang nodes (${names.join(", ")}); give --node-name, e.g. ${names[0]}@{hostname}`);
}
