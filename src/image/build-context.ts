import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { Readable } from "node:stream";
import { pack } from "tar-stream";
import { packageRoot } from "../package-root.js";

interface ContextFile {
  name: string;
  mode: number;
  content: Buffer;
}

export interface BuildContext {
  /** sha256 over every file's name, mode and content: equal inputs, equal hash. */
  hash: string;
  tar(): Readable;
}

/** The node image's build context, in memory: images/Dockerfile plus the erlang/ sources. */
export async function nodeImageContext(): Promise<BuildContext> {
  const files: ContextFile[] = [
    await readContextFile(join(packageRoot, "images", "Dockerfile"), "Dockerfile"),
    ...(await readTree(join(packageRoot, "erlang"), "erlang")),
  ].sort((a, b) => a.name.localeCompare(b.name));

  const hash = createHash("sha256");
  for (const file of files) hash.update(`${file.name}\0${file.mode.toString(8)}\0`).update(file.content);

  return {
    hash: hash.digest("hex"),
    tar() {
      const archive = pack();
      for (const file of files) archive.entry({ name: file.name, mode: file.mode }, file.content);
      archive.finalize();
      return Readable.from(archive);
    },
  };
}

async function readTree(dir: string, prefix: string): Promise<ContextFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return readContextFile(path, join(prefix, relative(dir, path)));
      }),
  );
}

async function readContextFile(path: string, name: string): Promise<ContextFile> {
  const [content, info] = await Promise.all([readFile(path), stat(path)]);
  return { name, mode: info.mode & 0o777, content };
}
