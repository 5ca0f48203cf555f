import { Readable } from "node:stream";
import { pack } from "tar-stream";
import type { Container } from "./client.js";

export interface FileEntry {
  /** Path inside the container, relative to the archive root "/". */
  path: string;
  content: string | Buffer;
  mode: number;
  /** Owner (default root): a file only its owner may read must belong to the user who reads it. */
  uid?: number;
  gid?: number;
}

/**
 * Writes files into a container (created or running) with putArchive, from an
 * in-memory tar: nothing touches the host disk and nothing appears on a
 * command line, which is how secrets such as the cookie get in.
 */
export async function putFiles(container: Container, files: FileEntry[]): Promise<void> {
  const archive = pack();
  for (const file of files) {
    archive.entry({ name: file.path.replace(/^\/+/, ""), mode: file.mode, uid: file.uid ?? 0, gid: file.gid ?? 0 }, file.content);
  }
  archive.finalize();
  await container.putArchive(Readable.from(archive), { path: "/" });
}
