import { describe, it, expect } from "vitest";
import { clusterOptionsSchema } from "../../src/config/cluster-options.js";

const problems = (input: Record<string, unknown>) => clusterOptionsSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join("."), issue.message]);

describe("--dist and --dist-optfile", () => {
  it("runs plain TCP unless told otherwise, and takes tls", () => {
    expect(clusterOptionsSchema.parse({}).dist).toBe("tcp");
    expect(clusterOptionsSchema.parse({ dist: "tls" })).toMatchObject({ dist: "tls" });
  });

  it("refuses a distribution it does not know", () => {
    expect(problems({ dist: "ssl" })).toEqual([["dist", "must be tcp or tls (got ssl)"]]);
  });

  it("takes an options file only with tls", () => {
    expect(problems({ distOptfile: "/etc/ssl_dist.conf" })).toEqual([["distOptfile", "--dist-optfile applies only with --dist tls"]]);
  });

  it("takes an options file only as an absolute path without spaces, since it becomes a VM flag", () => {
    expect(problems({ dist: "tls", distOptfile: "ssl_dist.conf" })?.[0]?.[0]).toBe("distOptfile");
    expect(problems({ dist: "tls", distOptfile: "/etc/my dist.conf" })?.[0]?.[0]).toBe("distOptfile");
  });

  it("needs the user's options file on a user's image, whose nodes start TLS themselves", () => {
    const base = { dist: "tls", image: "demo:1", nodeCmd: "exec erl" };
    expect(problems(base)?.map(([path]) => path)).toEqual(["distOptfile"]);
    expect(clusterOptionsSchema.parse({ ...base, distOptfile: "/opt/demo/ssl_dist.conf" }).distOptfile).toBe("/opt/demo/ssl_dist.conf");
  });

  it("refuses tls on swarm, naming why", () => {
    expect(problems({ dist: "tls", engine: "swarm" })).toEqual([
      ["dist", expect.stringContaining("--dist tls runs on --engine docker")],
    ]);
  });
});
