import type { ClusterOptions } from "./cluster-options.js";

/** What does not fit together around --dist: the fields to blame, and why in words that name the flags. */
export function distProblems(options: Pick<ClusterOptions, "dist" | "distOptfile" | "image" | "engine">): { field: string; message: string }[] {
  if (options.dist === "tcp") {
    return options.distOptfile === undefined ? [] : [{ field: "distOptfile", message: "--dist-optfile applies only with --dist tls" }];
  }
  const problems: { field: string; message: string }[] = [];
  if (options.engine === "swarm") {
    problems.push({ field: "dist", message: "--dist tls runs on --engine docker: meshproof puts each node's certificate and key into its container before it starts, and a swarm service's tasks get only the cookie (a secret)" });
  }
  if (options.image !== undefined && options.distOptfile === undefined) {
    problems.push({ field: "distOptfile", message: "--image with --dist tls needs --dist-optfile: the ssl_dist_optfile your nodes start with (a path in the image), which the probe uses too" });
  }
  return problems;
}
