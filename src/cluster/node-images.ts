import type { ClusterOptions } from "../config/cluster-options.js";
import { releasesByNode, releasesOf } from "../config/otp.js";
import { ensureNodeImage } from "../image/node-image.js";
import type { OtpRelease } from "../otp-releases.js";
import type { Progress } from "../progress.js";

/** The image of each node (n1 first): one per release of the cluster's OTP mix, built or reused. */
export async function nodeImages(options: ClusterOptions, progress: Progress, signal?: AbortSignal): Promise<string[]> {
  const images = new Map<OtpRelease, string>();
  for (const otp of releasesOf(options.otp)) {
    images.set(otp, await ensureNodeImage({ otp, baseImage: options.baseImage, mirror: options.mirror, progress, signal }));
  }
  return releasesByNode(options.otp, options.nodes).map((release) => images.get(release)!);
}
