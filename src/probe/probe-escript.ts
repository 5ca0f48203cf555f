import { randomBytes } from "node:crypto";
import { LABEL_RUN } from "../docker/labels.js";
import { readFileFromImage } from "../docker/archive.js";
import { ensureNodeImage } from "../image/node-image.js";
import type { OtpRelease } from "../otp-releases.js";
import type { Progress } from "../progress.js";
import { PROBE_PATH } from "./run-probe.js";

/**
 * The probe escript as built in the node image of `release` (see
 * probeReleaseFor): what attach mode and user images get copied into their
 * containers.
 */
export async function probeEscript(release: OtpRelease, progress: Progress): Promise<Buffer> {
  const image = await ensureNodeImage({ otp: release, progress });
  return readFileFromImage(image, PROBE_PATH, { [LABEL_RUN]: `probe-${randomBytes(4).toString("hex")}` });
}
