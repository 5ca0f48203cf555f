import { z } from "zod";

/**
 * What the probe answers to each op: the `result` of its answer line, as zod
 * schemas that turn the probe's JSON into the harness's types. The op table
 * (ops.ts) names each op's reply among these.
 */

export const erlPidSchema = z.object({
  node: z.string(),
  id: z.string(),
  /** The incarnation of the pid's node; a restarted node has a new one. */
  creation: z.number().int(),
});
export type ErlPid = z.infer<typeof erlPidSchema>;

/** The node's OTP release and version, and its kernel application's version (global ships in kernel, so its fixes are known by it). */
export const nodeInfoSchema = z
  .object({ otp: z.string(), otp_version: z.string().nullable(), kernel: z.string().nullable(), creation: z.number().int(), os_pid: z.string() })
  .transform((raw) => ({ otpRelease: raw.otp, otpVersion: raw.otp_version, kernelVersion: raw.kernel, creation: raw.creation, osPid: raw.os_pid }));
export type NodeInfo = z.output<typeof nodeInfoSchema>;

export const meshSchema = z.object({ nodes: z.array(z.string()) }).transform((raw) => raw.nodes);

export const pingSchema = z
  .object({ results: z.array(z.object({ peer: z.string(), pong: z.boolean(), ms: z.number() })) })
  .transform((raw) => raw.results);
export type PingResult = z.output<typeof pingSchema>[number];

export const pgViewSchema = z.object({
  scope: z.string(),
  groups: z.array(z.object({ group: z.string(), members: z.array(erlPidSchema), local: z.array(erlPidSchema) })),
});
export type PgView = z.infer<typeof pgViewSchema>;

/** A name in the node's own view of global's table: its pid, and for a pid on this node whether it is alive (null: another node's). */
const globalNameSchema = z.object({ name: z.string(), pid: erlPidSchema, alive: z.boolean().nullable() });

/** global:sync() on the node: the ms it took, "timeout" past its deadline, or "skipped" (not asked for). */
const globalSyncSchema = z.union([z.number().int().nonnegative(), z.enum(["timeout", "skipped"])]);

/**
 * global's own record of its peers: the nodes it has synced with (known), those
 * a sync with is under way (pending), and the holders of the lock its syncs
 * take on every node; null where it could not be read.
 */
const globalStateSchema = z
  .object({ known: z.array(z.string()), pending: z.array(z.string()), lock_holders: z.array(erlPidSchema) })
  .transform((raw) => ({ known: raw.known, pending: raw.pending, lockHolders: raw.lock_holders }));
export type GlobalState = z.output<typeof globalStateSchema>;

/**
 * A Mnesia table as one node sees it: holders are the nodes its schema gives
 * a copy (ram, disc or disc-only); localContent: each holder keeps its own
 * rows; whereToRead: where this node reads it, null where Mnesia says
 * "nowhere" (not loaded here, and no running holder to read from).
 */
const mnesiaTableSchema = z
  .object({
    name: z.string(),
    ram_copies: z.array(z.string()),
    disc_copies: z.array(z.string()),
    disc_only_copies: z.array(z.string()),
    local_content: z.boolean(),
    active_replicas: z.array(z.string()),
    where_to_read: z.string(),
  })
  .transform((raw) => ({
    name: raw.name,
    holders: [...new Set([...raw.ram_copies, ...raw.disc_copies, ...raw.disc_only_copies])].sort(),
    localContent: raw.local_content,
    activeReplicas: raw.active_replicas,
    whereToRead: raw.where_to_read === "nowhere" ? null : raw.where_to_read,
  }));
export type MnesiaTable = z.output<typeof mnesiaTableSchema>;

const mnesiaViewSchema = z
  .object({ db_nodes: z.array(z.string()), running_db_nodes: z.array(z.string()), tables: z.array(mnesiaTableSchema) })
  .transform((raw) => ({ dbNodes: raw.db_nodes, runningDbNodes: raw.running_db_nodes, tables: raw.tables }));
export type MnesiaView = z.output<typeof mnesiaViewSchema>;

/** One invariant's value on the node as canonical text (equal text, equal term), or why it could not be had. */
const invariantValueSchema = z.union([z.object({ value: z.string() }), z.object({ error: z.string() })]);
export type InvariantValue = z.infer<typeof invariantValueSchema>;

/**
 * What the `layers` request reads on a node: every pg scope found there,
 * global's names (and sync), Mnesia (null where it does not run), and the
 * user's invariants in the order asked.
 */
export const layersSchema = z.object({
  pg: z.array(pgViewSchema),
  global: z.object({ names: z.array(globalNameSchema), sync: globalSyncSchema, state: globalStateSchema.nullable() }),
  mnesia: mnesiaViewSchema.nullable(),
  invariants: z.array(invariantValueSchema),
});
export type NodeLayers = z.output<typeof layersSchema>;
export type GlobalView = NodeLayers["global"];

const signalKinds = ["nodeup", "nodedown", "inconsistent_database", "mnesia_down", "restarted"] as const;
const loggedSignalSchema = z.object({ kind: z.enum(signalKinds), node: z.string(), reason: z.string(), at_ms: z.number().int() });
const loggedViewSchema = z.object({ kind: z.literal("view"), layer: z.string(), digest: z.number().int().nullable(), at_ms: z.number().int() });

/**
 * A node's event log (meshproof_recorder: meshproof's agent runs it, the probe
 * starts it on other nodes); `events: null`: none runs on the node, so there
 * is no log to read. The log's signals, kept apart from its views' changes,
 * and what the log says of itself: when it began and when the newest event
 * that fell off its cap happened (wall ms; null: none did), and the peers and
 * views in effect at the moment asked for.
 */
export const agentEventsSchema = z
  .union([
    z.object({ events: z.null() }),
    z.object({
      events: z.array(z.union([loggedSignalSchema, loggedViewSchema])),
      since_ms: z.number().int(),
      lost_until_ms: z.number().int().nullable(),
      at_start: z.object({ peers: z.array(z.string()), views: z.array(z.object({ layer: z.string(), digest: z.number().int().nullable() })) }),
    }),
  ])
  .transform((raw) => {
    if (raw.events === null) return undefined;
    const signals = raw.events.flatMap((e) => (e.kind === "view" ? [] : [{ kind: e.kind, node: e.node, reason: e.reason, atMs: e.at_ms }]));
    const changes = raw.events.flatMap((e) => (e.kind === "view" ? [{ layer: e.layer, digest: e.digest, atMs: e.at_ms }] : []));
    const views = Object.fromEntries(raw.at_start.views.map((v) => [v.layer, v.digest]));
    return { signals, log: { startedAtMs: raw.since_ms, lostUntilMs: raw.lost_until_ms, atStart: { peers: raw.at_start.peers, views }, changes } };
  });
/** A nodeup/nodedown, or Mnesia's mnesia_down or inconsistent_database (about the other node), or the node's own VM restarted (its log kept on meshproof's image), as a node logged it, with its wall-clock time (same clock as the host's). */
export type AgentEvent = NonNullable<z.output<typeof agentEventsSchema>>["signals"][number];
/** What a node's log says of its views: each change of a layer's digest (null: the layer stopped there), and the state and completeness it starts from. */
export type ViewLog = NonNullable<z.output<typeof agentEventsSchema>>["log"];

/** What `discover` found in a container: its short hostname, and the node names epmd knows there (the probes' own left out). */
export const discoverSchema = z.object({ host: z.string(), names: z.array(z.string()) });
export type Discovered = z.infer<typeof discoverSchema>;

/** The holder the node spawned for a global name, and whether global took the name (a holder refused is killed). */
export const registerSchema = z.object({ pid: erlPidSchema, registered: z.boolean() });
export type Registered = z.infer<typeof registerSchema>;

/** Whether a holder of the name was found (and killed). */
export const unregisterSchema = z.object({ killed: z.boolean() }).transform((raw) => raw.killed);

/** The pid registered under a name on the node; null: none is. */
export const whereisSchema = z.object({ pid: erlPidSchema.nullable() }).transform((raw) => raw.pid);

/** The process killed (null: no process held the name) and its supervisor, as its proc_lib ancestors name it (null: none). */
export const killProcessSchema = z.object({ killed: erlPidSchema.nullable(), supervisor: z.string().nullable() });
export type KilledProcess = z.infer<typeof killProcessSchema>;

/** The process suspended; null: no process held the name. */
export const suspendSchema = z.object({ suspended: erlPidSchema.nullable() }).transform((raw) => raw.suspended);

/** sys's own state of the process under a name and its queue's length; all null when no process holds the name. */
export const sysStateSchema = z.union([
  z.object({ pid: erlPidSchema, state: z.enum(["suspended", "running"]), messages: z.number().int().nonnegative() }),
  z.object({ pid: z.null(), state: z.null(), messages: z.null() }),
]);
export type SysState = z.infer<typeof sysStateSchema>;

/** The processes meshproof had suspended on the node that were there to resume. */
export const resumeSchema = z.object({ resumed: z.array(erlPidSchema) }).transform((raw) => raw.resumed);

/** Whether this `record` started the recorder, and since when (wall ms) the running one records. */
export const recordSchema = z.object({ new: z.boolean(), since_ms: z.number().int() });

/** Whether the probe took a recorder or a module of its own out of the node. */
export const unrecordSchema = z.object({ removed: z.boolean() }).transform((raw) => raw.removed);

/** An argument of an op as the probe's op table says it: its name, its type, and whether it takes any number of words. */
export const argShapeSchema = z.object({ name: z.string(), type: z.enum(["atom", "node", "integer", "flag", "base64"]), many: z.boolean() });
export type ArgShape = z.infer<typeof argShapeSchema>;

/** The probe's op table (`ops`): every op it answers, with its arguments in order. */
export const opTableSchema = z.object({ ops: z.array(z.object({ op: z.string(), args: z.array(argShapeSchema) })) }).transform((raw) => raw.ops);
export type OpTable = z.output<typeof opTableSchema>;
