import { randomBytes } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { extract } from "tar-stream";
import { LABEL_RUN } from "../cluster/labels.js";
import { docker } from "../docker/client.js";
import { removeContainer } from "../docker/containers.js";
import { ensureNodeImage } from "../image/node-image.js";
import { PROBE_PATH } from "./run-probe.js";
import type { Progress } from "../progress.js";

/**
 * The probe escript as built in the node image (OTP 25 bytecode, which later
 * releases load too), read out of a created, never started container: what
 * attach mode and user images get copied into their containers.
 */
export async function probeEscript(progress: Progress): Promise<Buffer> {
  const image = await ensureNodeImage({ otp: 25, progress });
  const container = await docker().createContainer({ Image: image, Labels: { [LABEL_RUN]: `probe-${randomBytes(4).toString("hex")}` } });
  try {
    const archive = await container.getArchive({ path: PROBE_PATH });
    return await firstFile(archive);
  } finally {
    await removeContainer(container);
  }
}

function firstFile(archive: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const untar = extract();
    let found: Buffer | undefined;
    untar.on("entry", (header, stream, next) => {
      buffer(stream).then((content) => {
        if (!found && header.type === "file") found = content;
        next();
      }, reject);
    });
    untar.on("finish", () => (found ? resolve(found) : reject(new Error(`no file at ${PROBE_PATH} in the node image`))));
    untar.on("error", reject);
    archive.pipe(untar);
  });
}
