import { putFiles, type FileEntry } from "../../../docker/archive.js";
import { containerByName, type ContainerDescription } from "../../../docker/containers.js";
import { execInContainer } from "../../../docker/exec.js";
import { errorMessage } from "../../../errors.js";
import type { attachPaths } from "./attached-node.js";

/** Deleting a small directory takes milliseconds; an engine that does not run the exec must not hold up the end of a run. */
const REMOVE_TIMEOUT_MS = 30_000;

type Paths = ReturnType<typeof attachPaths>;

/** Puts the probe (and the cookie meshproof was given, 0400) into the attach's directory in the container. */
export async function putProbeFiles(container: ContainerDescription, paths: Paths, probe: Buffer, cookie: string | undefined): Promise<void> {
  const files: FileEntry[] = [{ path: paths.probe, content: probe, mode: 0o755 }];
  if (cookie !== undefined) files.push({ path: paths.cookie, content: cookie, mode: 0o400 });
  await putFiles(containerByName(container.id), files);
}

/**
 * Removes the attach's directory from every container (one that never got it
 * is no matter). Says, per container, what is still there and how to remove
 * it: a stopped container runs no command until it is started again.
 */
export async function removeProbeFiles(containers: readonly ContainerDescription[], paths: Paths): Promise<string[]> {
  const left = await Promise.all(
    containers.map(async (container) => {
      const why = await removeDir(container, paths.dir);
      return why === undefined ? [] : [`${paths.dir} in container ${container.name} (${why}; remove it with: docker exec ${container.name} rm -rf ${paths.dir})`];
    }),
  );
  return left.flat();
}

/** Why the directory is still in the container, or undefined when it is gone. */
async function removeDir(container: ContainerDescription, dir: string): Promise<string | undefined> {
  try {
    const result = await execInContainer(containerByName(container.id), ["rm", "-rf", dir], { timeoutMs: REMOVE_TIMEOUT_MS });
    if (result.kind === "exited") return result.exitCode === 0 ? undefined : `rm exited ${result.exitCode}: ${result.stderr.trim()}`;
    if (result.kind === "timeout") return "rm timed out";
    // a removed container took the directory with it
    return /no such container/i.test(result.reason) ? undefined : result.reason;
  } catch (error) {
    return errorMessage(error);
  }
}
