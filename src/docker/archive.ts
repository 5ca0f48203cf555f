import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { extract, pack } from "tar-stream";
import { docker, handleOf, native, type ContainerHandle } from "./client.js";
import { removeContainer } from "./containers.js";

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
export async function putFiles(container: ContainerHandle, files: FileEntry[]): Promise<void> {
  const archive = pack();
  for (const file of files) {
    archive.entry({ name: file.path.replace(/^\/+/, ""), mode: file.mode, uid: file.uid ?? 0, gid: file.gid ?? 0 }, file.content);
  }
  archive.finalize();
  await native(container).putArchive(Readable.from(archive), { path: "/" });
}

/** One file of an image, read out of a created, never started container (labeled, so a sweep finds it if this is cut short). */
export async function readFileFromImage(image: string, path: string, labels: Record<string, string>): Promise<Buffer> {
  const container = await docker().createContainer({ Image: image, Labels: labels });
  try {
    return await firstFile(await container.getArchive({ path }), path);
  } finally {
    await removeContainer(handleOf(container));
  }
}

function firstFile(archive: NodeJS.ReadableStream, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const untar = extract();
    let found: Buffer | undefined;
    untar.on("entry", (header, stream, next) => {
      buffer(stream).then((content) => {
        if (!found && header.type === "file") found = content;
        next();
      }, reject);
    });
    untar.on("finish", () => (found ? resolve(found) : reject(new Error(`no file at ${path} in the image`))));
    untar.on("error", reject);
    archive.pipe(untar);
  });
}
