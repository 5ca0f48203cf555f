import type { z } from "zod";
import {
  agentEventsSchema,
  discoverSchema,
  killProcessSchema,
  layersSchema,
  meshSchema,
  nodeInfoSchema,
  opTableSchema,
  pgViewSchema,
  pingSchema,
  recordSchema,
  registerSchema,
  resumeSchema,
  suspendSchema,
  sysStateSchema,
  unrecordSchema,
  unregisterSchema,
  whereisSchema,
  type ArgShape,
} from "./replies.js";

/**
 * The contract with the probe: every op it answers, its arguments (the same
 * table as erlang/probe/meshproof_probe_ops.erl, which the probe prints for
 * `ops` and a test compares with this one) and the schema of its reply. A
 * request is the op plus one field per argument, named as the argument in
 * camelCase: the words sent are read from this table.
 */
export const probeOps = {
  /** The node's OTP release and version, kernel version, incarnation and OS pid. */
  info: op([], nodeInfoSchema),
  /** The node's own nodes(). */
  mesh: op([], meshSchema),
  /** net_adm:ping from the node to each peer (opens connections: the reachability check). */
  ping: op([many("peers", "node")], pingSchema),
  /** The node names epmd knows in the container, and its short hostname; asks no node, so it answers before one is known. */
  discover: op([], discoverSchema),
  pg: op([one("scope", "atom")], pgViewSchema),
  /** Every layer above the mesh as the node sees it (pg scopes found, global, Mnesia) and the invariants' values; sync: also time global:sync(). */
  layers: op([one("sync", "flag"), many("invariants", "base64")], layersSchema),
  /** Spawns a holder process on the node and registers it in global under the atom `name`. */
  register: op([one("name", "atom")], registerSchema),
  /** Kills the holder of the global name `name`, as the node sees it, and unregisters the name. */
  unregister: op([one("name", "atom")], unregisterSchema),
  /** The node's event log since a wall-clock time in ms (its recorder's; null: none runs): its failure signals, and what the log says of itself. */
  events: op([one("since_ms", "integer")], agentEventsSchema),
  /** The same, with the changes of the node's views (between looks, a longer answer). */
  views: op([one("since_ms", "integer")], agentEventsSchema),
  /** Loads meshproof's event recorder into the node and starts it; a running one is left as it is, with its events. */
  record: op([], recordSchema),
  /** Stops the recorder the probe started and removes every module the probe loaded into the node. */
  unrecord: op([], unrecordSchema),
  /** The pid registered under the atom `name` on the node, or null. */
  whereis: op([one("name", "atom")], whereisSchema),
  /** Kills (exit kill) the process registered under `name`, naming its supervisor. */
  "kill-process": op([one("name", "atom")], killProcessSchema),
  /** sys:suspend of the process registered under `name`; the node keeps its pid for `resume`. */
  suspend: op([one("name", "atom")], suspendSchema),
  /** sys's own state of the process registered under `name` (suspended or running), and its message queue's length. */
  "sys-state": op([one("name", "atom")], sysStateSchema),
  /** sys:resume of every process meshproof suspended on the node (none: nothing to do). */
  resume: op([], resumeSchema),
  /** The probe's own op table; asks no node. */
  ops: op([], opTableSchema),
} as const;

export type ProbeOp = keyof typeof probeOps;

/** What a probe can be asked: an op and its arguments' values. */
export type ProbeRequest = { [K in ProbeOp]: Simplify<{ op: K } & Fields<(typeof probeOps)[K]["args"]>> }[ProbeOp];

/** What the probe answers to an op, as the harness reads it. */
export type ReplyOf<K extends ProbeOp> = z.output<(typeof probeOps)[K]["reply"]>;

/** An answer's result read by its op's reply schema. */
export function parseReply<K extends ProbeOp>(op: K, result: unknown): z.ZodSafeParseResult<ReplyOf<K>> {
  const reply: z.ZodType = probeOps[op].reply;
  return reply.safeParse(result) as z.ZodSafeParseResult<ReplyOf<K>>;
}

/** The request as words: its op, then its arguments (a serve request line carries them as op and args). */
export function requestWords(request: ProbeRequest): string[] {
  const fields: Record<string, unknown> = request;
  const words = probeOps[request.op].args.flatMap((arg: ArgShape) => {
    const value = fields[camel(arg.name)];
    return (arg.many ? (value as unknown[]) : [value]).map((v) => word(arg, v));
  });
  return [request.op, ...words];
}

/** The request as one argument of a one-shot probe. */
export function requestArgument(request: ProbeRequest): string {
  return requestWords(request).join(" ");
}

/** A request's field for an argument: since_ms -> sinceMs. */
function camel(name: string): string {
  return name.replace(/_(.)/g, (_, c: string) => c.toUpperCase());
}

function word(arg: ArgShape, value: unknown): string {
  switch (arg.type) {
    case "flag":
      return value ? arg.name : `no${arg.name}`;
    case "base64":
      // an expression has spaces and quotes: each travels as one base64 word
      return Buffer.from(String(value), "utf8").toString("base64");
    default:
      return String(value);
  }
}

function op<const A extends readonly ArgShape[], R extends z.ZodType>(args: A, reply: R): { args: A; reply: R } {
  return { args, reply };
}

function one<const N extends string, const T extends ArgShape["type"]>(name: N, type: T) {
  return { name, type, many: false } as const;
}

function many<const N extends string, const T extends ArgShape["type"]>(name: N, type: T) {
  return { name, type, many: true } as const;
}

type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
type Value<T extends ArgShape["type"]> = T extends "integer" ? number : T extends "flag" ? boolean : string;
type Fields<A extends readonly ArgShape[]> = { [X in A[number] as Camel<X["name"]>]: X["many"] extends true ? Value<X["type"]>[] : Value<X["type"]> };
type Simplify<T> = { [K in keyof T]: T[K] } & {};
