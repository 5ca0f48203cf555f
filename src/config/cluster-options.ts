import { z } from "zod";
import { positiveDurationMs } from "./duration.js";
import { got } from "./got.js";
import { integer } from "./integer.js";
import { otpMixProblem, otpSchema } from "./otp.js";
import { pgGroupsSchema, pgScopeSchema } from "./pg-options.js";
import { strictObject } from "./strict-object.js";
import { distProblems } from "./dist-problems.js";
import { nodeApiSchema } from "./node-api.js";
import { userImageProblems } from "./user-image-problems.js";

/** What a cluster is made of; every field has a default that gives a healing 5-node cluster. */
export const clusterFieldsSchema = strictObject({
  nodes: integer(2, 100).default(5),
  /** docker: a container per node, which the harness restarts after a kill; swarm: a service per node, which swarm restarts. */
  engine: z.enum(["docker", "swarm"]).default("docker"),
  /** On swarm: how to reach the engine of each swarm node that runs tasks (tcp://{addr}:2375, or NODE=URL); unset, only the manager's. */
  nodeApi: nodeApiSchema.optional(),
  /** 27 for every node, or a mix: "27:3,29:2" (n1-n3 on 27, n4-n5 on 29; the counts must add up to nodes). */
  otp: otpSchema.default(27),
  /** An image the engine already has, with erl and escript, instead of a debootstrapped Debian. */
  baseImage: z.string().min(1).optional(),
  /** The user's own image instead of meshproof's (with nodeCmd); it needs sh and escript. */
  image: z.string().min(1).optional(),
  /** How a node starts in that image: a shell command, with {node}, {name}, {host}, {peers} and {net_ticktime} filled in. */
  nodeCmd: z.string().min(1).optional(),
  /** escript's absolute path in the image, when it is not on the image's PATH. */
  escript: z.string().regex(/^\//, "must be an absolute path").optional(),
  /** A Debian mirror for debootstrap; unset means debootstrap's own default. */
  mirror: z.url({ error: (issue) => `must be a URL such as http://mirror.example/debian ${got(issue.input)}` }).optional(),
  /** Equal on all nodes; a paused or cut-off peer is noticed after 0.75-1.25 times this. */
  netTicktime: integer(1, 600).default(5),
  /** The agent's reconnect interval in ms, or "off" for a cluster that forms once and never heals. */
  agentReconnect: z
    .union([z.literal("off"), z.literal("on").transform(() => 1000), integer(50, 600_000)], {
      error: (issue) => `must be "on", "off" or an interval in ms (50-600000) ${got(issue.input)}`,
    })
    .default(1000),
  /** OTP's global option (default true since OTP 25): a partial partition may be turned into a full one. */
  preventOverlappingPartitions: z
    .union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], { error: (issue) => `must be true or false ${got(issue.input)}` })
    .default(true),
  /** "off": pool workers join pg only on a node's first start, so pg cannot converge after a restart. */
  pgRejoin: z.enum(["on", "off"]).default("on"),
  pgScope: pgScopeSchema.default("meshproof"),
  /** Members each node contributes per group of pgScope; default: meshproof's own pool:2, none on a user's image (its scopes are judged as found). */
  pgGroups: pgGroupsSchema.optional(),
  /** How long the cluster may take to reach full mesh and pg convergence. */
  readyDeadline: positiveDurationMs.default(60_000),
  /** Deadline of one probe request. */
  probeTimeout: positiveDurationMs.default(10_000),
  /** session: one long-lived probe per node (milliseconds per request); oneshot: a probe VM per request. */
  probeMode: z.enum(["session", "oneshot"]).default("session"),
  /** Erlang distribution over plain TCP, or over TLS (inet_tls) with peers verified both ways. */
  dist: z.enum(["tcp", "tls"], { error: (issue) => `must be tcp or tls ${got(issue.input)}` }).default("tcp"),
  /** A TLS cluster's own ssl_dist_optfile, a path inside its containers (a user's image, attach); the probe uses it too. */
  distOptfile: z.string().regex(/^\/\S+$/, "must be an absolute path inside the containers, without spaces").optional(),
});

/** Rules between fields are judged only over fields that are each valid: a bad field is named once, for itself. */
export const onlyWhenFieldsAreValid = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

/** The rules between the cluster options' fields: the OTP mix adds up, a user image comes with its node command, TLS with what it needs. */
export function clusterRules(options: z.output<typeof clusterFieldsSchema>, ctx: z.RefinementCtx): void {
  const mixProblem = otpMixProblem(options.otp, options.nodes);
  if (mixProblem) ctx.addIssue({ code: "custom", message: mixProblem, path: ["otp"] });
  if (options.baseImage && typeof options.otp !== "number") {
    ctx.addIssue({ code: "custom", message: "--base-image gives one release: a mixed --otp needs the debootstrapped bases", path: ["baseImage"] });
  }
  if (options.nodeApi !== undefined && options.engine !== "swarm") {
    ctx.addIssue({ code: "custom", message: "it reaches the engines of a swarm's nodes: it needs --engine swarm", path: ["nodeApi"] });
  }
  for (const problem of [...userImageProblems(options), ...distProblems(options)]) ctx.addIssue({ code: "custom", message: problem.message, path: [problem.field] });
}

/** meshproof's agent runs two pool workers per node; a user's image has what it has. */
export function withPgDefault<O extends { image?: string | undefined; pgGroups?: Record<string, number> | undefined }>(options: O) {
  return { ...options, pgGroups: options.pgGroups ?? (options.image ? {} : { pool: 2 }) };
}

/** The cluster options, each field and the rules between them. */
export const clusterOptionsSchema = clusterFieldsSchema.superRefine(clusterRules, onlyWhenFieldsAreValid).transform(withPgDefault);

export type ClusterOptionsInput = z.input<typeof clusterOptionsSchema>;
export type ClusterOptions = z.output<typeof clusterOptionsSchema>;
