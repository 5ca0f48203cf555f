import type { ClusterOptions } from "./cluster-options.js";

/** What does not fit together around --image: the fields to blame, and why in words that name the flags. */
export function userImageProblems(options: Pick<ClusterOptions, "image" | "nodeCmd" | "escript" | "otp" | "baseImage" | "engine">): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (options.image === undefined) {
    if (options.nodeCmd !== undefined) problems.push({ field: "nodeCmd", message: "--node-cmd applies only with --image" });
    if (options.escript !== undefined) problems.push({ field: "escript", message: "--escript applies only with --image" });
    return problems;
  }
  if (options.nodeCmd === undefined) problems.push({ field: "nodeCmd", message: "--image needs --node-cmd: how a node starts in that image" });
  if (options.baseImage !== undefined) problems.push({ field: "baseImage", message: "--image is the whole node image: it takes no --base-image" });
  if (typeof options.otp !== "number") problems.push({ field: "otp", message: "--image has its own release: it takes no OTP mix" });
  if (options.engine === "swarm") problems.push({ field: "engine", message: "--image runs on --engine docker (meshproof puts the probe and cookie into containers before they start)" });
  return problems;
}
