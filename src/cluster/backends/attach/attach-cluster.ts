import { randomBytes } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import type { ClusterOptions } from "../../../config/cluster-options.js";
import { pgOptionsOf, type PgOptions } from "../../pg-options-of.js";
import type { ClusterNode } from "../../cluster-node.js";
import type { ClusterBackend } from "../../cluster-backend.js";
import { containerByName, describeContainer, listContainers, type ContainerDescription } from "../../../docker/containers.js";
import { execInContainer } from "../../../docker/exec.js";
import type { OtpRelease } from "../../../otp-releases.js";
import { PRINT_OTP_RELEASE, probeReleaseFor } from "../../../probe/probe-release.js";
import { UsageError } from "../../../errors.js";
import type { ProbeLaunch } from "../../../probe/run-probe.js";
import { asStep, type Progress } from "../../../progress.js";
import { attachBackend } from "./attach-backend.js";
import type { AttachSelector } from "../../../config/attach-selector.js";
import { attachPaths, cookieSourceOf, discoveryEnvFor, nodeNameOf, probeEnvFor, sharedNetwork } from "./attached-node.js";
import { discoverNodeName } from "./discover-node-name.js";
import { putProbeFiles, removeProbeFiles } from "./probe-files.js";
import { erlangCookie } from "../../cookie.js";
import { probeEscript } from "../../../probe/probe-escript.js";
import { probeDistEnv } from "../../tls/dist-optfile.js";

/** A cookie is at most 255 characters and a line end: a file much bigger is no cookie file (and is not read whole). */
const MAX_COOKIE_FILE_BYTES = 4096;

export interface AttachOptions {
  attach: AttachSelector;
  /** Node name pattern: {hostname}, {service}, {container}; default: from the containers' environment. */
  nodeName?: string | undefined;
  /** The cookie, from a file or an environment variable of this process; default: from the containers. */
  cookieFile?: string | undefined;
  cookieEnv?: string | undefined;
  /** The faults include crashes, which only a restart policy brings back (the harness does not). */
  crashes?: boolean;
  /** A pg scope or groups the user named: they win over the containers' labels. */
  pg?: Partial<PgOptions>;
}

/** The cluster settings an attach takes from the scenario or the flags: pg, the probe's, and how the nodes run distribution. */
export type AttachClusterOptions = Pick<ClusterOptions, "pgScope" | "pgGroups" | "probeTimeout" | "probeMode" | "dist" | "distOptfile">;

/** What attaching found and put in place: the nodes (sorted by name), their pg and probe settings, and the backend that reaches them. */
export interface AttachedNodes {
  runId: string;
  nodes: ClusterNode[];
  options: AttachClusterOptions;
  backend: ClusterBackend;
}

/**
 * Finds the containers of a running cluster meshproof did not start, names
 * their nodes, and copies the probe (and the cookie, if given) into a
 * directory of its own in each with putArchive. The backend's release takes
 * that directory back out; the cluster keeps running.
 */
export async function attachNodes(options: AttachOptions, cluster: AttachClusterOptions, progress: Progress): Promise<AttachedNodes> {
  const flag = `--attach ${options.attach.raw}`;
  if (cluster.dist === "tls" && cluster.distOptfile === undefined) {
    throw new UsageError(`${flag} with --dist tls needs --dist-optfile: the ssl_dist_optfile the cluster's nodes run with (a path in the containers), which the probe uses too`);
  }
  const given = await givenCookie(options);
  const found = await listContainers([options.attach.labelFilter]);
  if (found.length === 0) throw new UsageError(`${flag}: no container carries label ${options.attach.labelFilter}`);
  const facts = await Promise.all(found.map((c) => describeContainer(c.id)));

  const unrestarted = facts.filter((f) => f.restartPolicy === "no" || f.restartPolicy === "");
  if (options.crashes && unrestarted.length) {
    throw new UsageError(`${flag}: a crash is brought back by Docker's restart policy, and ${unrestarted.map((f) => f.name).join(", ")} have none; leave crash out of the faults`);
  }
  const network = sharedNetwork(facts);
  if (!network) throw new UsageError(`${flag}: the containers share no network, so they cannot form one cluster`);

  const cookies = facts.map((f) => cookieSourceOf(f.env, given, f.name));
  // a cluster in a rolling upgrade runs several releases: each container gets the probe its VM can load
  const releases = await Promise.all(facts.map((f) => probeReleaseOf(f, flag)));
  const probes = new Map<OtpRelease, Buffer>();
  for (const release of new Set(releases)) probes.set(release, await probeEscript(release, progress));

  const runId = `attach-${randomBytes(4).toString("hex")}`;
  const paths = attachPaths(runId);
  const release = () => removeProbeFiles(facts, paths);
  await asStep(progress, `Copying the probe into ${facts.length} containers`, async () => {
    try {
      await Promise.all(facts.map((f, i) => putProbeFiles(f, paths, probes.get(releases[i]!)!, cookies[i]!.kind === "value" ? cookies[i]!.value : undefined)));
    } catch (error) {
      await release(); // from the containers that got them before one failed
      throw error;
    }
  });
  let nodes: ClusterNode[];
  try {
    nodes = await namedNodes(facts, options.nodeName, { env: discoveryEnvFor(paths), escript: "escript", path: paths.probe }, flag);
  } catch (error) {
    await release();
    throw error;
  }

  const secrets = [...new Set(cookies.flatMap((cookie) => (cookie.kind === "value" ? [cookie.value] : [])))];
  const launches = new Map<string, ProbeLaunch>(
    nodes.map((node, i) => [
      node.name,
      { env: [...probeEnvFor(node.name, cookies[i]!, paths), ...probeDistEnv(cluster.distOptfile)], escript: "escript", path: paths.probe, secrets },
    ]),
  );
  // a cluster meshproof did not start has no member counts to expect: its pg scopes are judged as found
  const pg = pgOptionsOf(facts[0]!.labels, options.pg ?? {}, { pgScope: cluster.pgScope, pgGroups: {} });
  const sorted = [...nodes].sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
  return { runId, nodes: sorted, options: { ...cluster, ...pg }, backend: attachBackend(network, options.attach.labelFilter, launches, release) };
}

/**
 * The node each container runs: by the user's pattern, else as its
 * environment or labels say, else as epmd in the container knows it; no two
 * containers may run the same.
 */
async function namedNodes(facts: readonly ContainerDescription[], pattern: string | undefined, discovery: ProbeLaunch, flag: string): Promise<ClusterNode[]> {
  const nodes = await Promise.all(
    facts.map(async (f) => {
      const name = nodeNameOf(f, pattern) ?? (await discoverNodeName(f, discovery, flag));
      return { name, host: name.split("@")[1] ?? f.hostname, containerName: f.id };
    }),
  );
  const duplicate = nodes.find((node, i) => nodes.findIndex((n) => n.name === node.name) !== i);
  if (duplicate) throw new UsageError(`${flag}: two containers run node ${duplicate.name}; give a --node-name pattern that tells them apart`);
  return nodes;
}

/** The probe build a container's VM can load, from the release of the erl on its PATH. */
async function probeReleaseOf(facts: ContainerDescription, flag: string): Promise<OtpRelease> {
  const result = await execInContainer(containerByName(facts.id), ["sh", "-c", PRINT_OTP_RELEASE], { timeoutMs: 30_000 });
  if (result.kind !== "exited" || result.exitCode !== 0) {
    const why = result.kind === "exited" ? result.stderr.trim() || `exit ${result.exitCode}` : result.kind === "timeout" ? "timed out" : result.reason;
    throw new UsageError(`${flag}: cannot run erl in ${facts.name} to learn its OTP release (${why}); attach needs erl and escript on the containers' PATH, and running containers`);
  }
  return probeReleaseFor(result.stdout.trim().split("\n").at(-1) ?? "", `${flag}: ${facts.name}`);
}

/** The cookie the user gave, checked as Erlang would read it; a file's content is never shown, nor is the variable's value. */
async function givenCookie(options: AttachOptions): Promise<string | undefined> {
  if (options.cookieFile) {
    const flag = `--cookie-file ${options.cookieFile}`;
    let text: string;
    try {
      if ((await stat(options.cookieFile)).size > MAX_COOKIE_FILE_BYTES) throw new UsageError(`${flag}: not a valid Erlang cookie: the file is too big`);
      text = await readFile(options.cookieFile, "utf8");
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${flag}: ${(error as Error).message}`);
    }
    return erlangCookie(text, flag);
  }
  if (options.cookieEnv) {
    const value = process.env[options.cookieEnv];
    if (!value) throw new UsageError(`--cookie-env ${options.cookieEnv}: no such environment variable (or it is empty)`);
    return erlangCookie(value, `--cookie-env ${options.cookieEnv}`);
  }
  return undefined;
}
