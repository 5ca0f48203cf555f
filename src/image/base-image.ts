import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { imageId, importImage } from "../docker/images.js";
import { UsageError } from "../errors.js";
import { asStep, type Progress } from "../progress.js";
import { BASE_PACKAGES, bootstrapRootfs } from "./debootstrap.js";
import type { OtpRelease } from "../otp-releases.js";
import { SUITE_BY_OTP } from "./otp-suites.js";

export interface BaseImageOptions {
  otp: OtpRelease;
  /** Use this image (already in the engine) instead of bootstrapping one. */
  baseImage?: string | undefined;
  mirror?: string | undefined;
  progress: Progress;
  /** Aborting stops debootstrap. */
  signal?: AbortSignal | undefined;
}

const BASE_REPO = "meshproof/base";

/**
 * The Erlang base image: the user's, or a Debian rootfs made with debootstrap
 * and imported through the Docker API. No registry is involved; a bootstrapped
 * base is made once per suite and package set and then reused.
 */
export async function ensureBaseImage(options: BaseImageOptions): Promise<string> {
  if (options.baseImage) {
    if (!(await imageId(options.baseImage))) {
      throw new UsageError(
        `--base-image ${options.baseImage}: the engine has no such image, and meshproof does not pull images; load or build it first`,
      );
    }
    return options.baseImage;
  }

  const suite = SUITE_BY_OTP[options.otp];
  const tag = `${suite}-${createHash("sha256").update(BASE_PACKAGES.join(",")).digest("hex").slice(0, 8)}`;
  const ref = `${BASE_REPO}:${tag}`;
  if (await imageId(ref)) return ref;

  await asStep(options.progress, `Bootstrapping Debian ${suite} (OTP ${options.otp}) with debootstrap`, async (step) => {
    const dir = await mkdtemp(join(tmpdir(), `meshproof-rootfs-${suite}-`));
    try {
      await bootstrapRootfs(suite, dir, { mirror: options.mirror, signal: options.signal, onLine: (line) => step.update(`debootstrap ${suite}: ${line}`) });
      step.update(`Importing ${ref}`);
      await importRootfs(dir, ref);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  return ref;
}

/** Streams the rootfs as a tar (GNU tar keeps devices, links and owners) into the engine. */
async function importRootfs(dir: string, ref: string): Promise<void> {
  const [repo, tag] = ref.split(":") as [string, string];
  const tar = execa("tar", ["--numeric-owner", "-C", dir, "-c", "."], { buffer: false, stdout: "pipe", stderr: "pipe" });
  await Promise.all([importImage(tar.stdout, repo, tag), tar]);
}
