import { rm } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { HarnessError, UsageError } from "../errors.js";

/**
 * What a node needs: Erlang (with Mnesia, so that test releases can run it, and ssl,
 * which pulls in crypto and public_key, for TLS distribution), and the
 * tools the faults use inside containers. The base image's tag hashes this list, so
 * a change here bootstraps new bases instead of reusing old ones.
 */
export const BASE_PACKAGES = ["erlang-base", "erlang-mnesia", "erlang-ssl", "iproute2", "iptables", "procps"];

/** Leftovers of the install that a node never reads (about 140 MB of 236 MB). */
const DROPPED_PATHS = [
  "var/cache/apt/archives",
  "var/lib/apt/lists",
  "usr/share/doc",
  "usr/share/man",
  "usr/share/info",
  "usr/share/locale",
];

/**
 * Bootstraps a minimal Debian root filesystem into `dir` with debootstrap, from
 * debootstrap's default mirror or the user's, then drops caches and docs.
 */
export async function bootstrapRootfs(
  suite: string,
  dir: string,
  options: { mirror?: string | undefined; signal?: AbortSignal | undefined; onLine?: (line: string) => void },
): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new UsageError("building the base image runs debootstrap, which needs root; run as root or pass --base-image REF");
  }
  const args = ["--variant=minbase", `--include=${BASE_PACKAGES.join(",")}`, suite, dir];
  if (options.mirror) args.push(options.mirror);

  const tail: string[] = [];
  const subprocess = execa("debootstrap", args, { all: true, reject: false, cancelSignal: options.signal });
  for await (const line of subprocess.iterable({ from: "all" })) {
    tail.push(line);
    if (tail.length > 20) tail.shift();
    options.onLine?.(line);
  }
  const result = await subprocess;
  if ((result as { code?: string }).code === "ENOENT") {
    throw new UsageError("debootstrap is not installed (apt-get install debootstrap), or pass --base-image REF");
  }
  options.signal?.throwIfAborted();
  if (result.failed) {
    throw new HarnessError(`debootstrap ${suite} failed (${result.shortMessage})\n${tail.join("\n")}`, { cause: result });
  }

  await Promise.all(DROPPED_PATHS.map((path) => rm(join(dir, path), { recursive: true, force: true })));
}
