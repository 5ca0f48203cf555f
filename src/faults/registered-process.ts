import { z } from "zod";
import type { Cluster } from "../cluster/cluster.js";
import { HarnessError } from "../errors.js";
import type { ErlPid } from "../probe/replies.js";
import { parseReply, type ProbeRequest, type ReplyOf } from "../probe/ops.js";

/**
 * A registered name on a node, as the process faults take it: any atom's
 * text without whitespace (the probe's requests are words), so Elixir's
 * `Elixir.MyApp.Cache` too.
 */
export const registeredNameSchema = z
  .string()
  .min(1)
  .max(255, "an Erlang atom has at most 255 characters")
  .regex(/^\S+$/, "a registered name such as global_name_server (no spaces)");

/** A pid as its own node writes it: <0.55.0> (the probe's id is its number and serial, 55.0). */
export function pidText(pid: ErlPid): string {
  return `<0.${pid.id}>`;
}

/** The same process: its number on the same incarnation of its node. */
export function samePid(a: ErlPid, b: ErlPid): boolean {
  return a.node === b.node && a.id === b.id && a.creation === b.creation;
}

/**
 * Asks one node's probe, answer by answer in the order asked, each parsed by
 * its op's reply schema; a node that does not answer, or an answer that is an
 * error, is a HarnessError naming the node and why.
 */
export async function askNode<const R extends readonly ProbeRequest[]>(
  cluster: Cluster,
  node: string,
  requests: R,
): Promise<{ [I in keyof R]: ReplyOf<R[I]["op"]> }> {
  const outcome = await cluster.ask(node, [...requests]);
  if (outcome.status !== "ok") throw new HarnessError(`${node} did not answer (${outcome.status}: ${outcome.reason ?? "no reason given"})`);
  return requests.map((request) => {
    const answer = outcome.answers.find((a) => a.op === request.op);
    if (!answer?.ok) throw new HarnessError(`${node} answered ${request.op} with ${answer ? answer.error : "nothing"}`);
    const parsed = parseReply(request.op, answer.result);
    if (!parsed.success) throw new HarnessError(`${node} answered ${request.op} with something unexpected: ${JSON.stringify(answer.result).slice(0, 200)}`);
    return parsed.data;
  }) as { [I in keyof R]: ReplyOf<R[I]["op"]> };
}
