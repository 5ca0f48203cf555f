import { describe, it, expect } from "vitest";
import { clusterOptionsSchema } from "../../src/config/cluster-options.js";
import { storedScenarioSchema } from "../../src/scenario/stored-scenario.js";

describe("clusterOptionsSchema", () => {
  it("defaults to a healing 5-node cluster", () => {
    expect(clusterOptionsSchema.parse({})).toEqual({
      nodes: 5,
      engine: "docker",
      otp: 27,
      netTicktime: 5,
      agentReconnect: 1000,
      preventOverlappingPartitions: true,
      pgRejoin: "on",
      pgScope: "meshproof",
      pgGroups: { pool: 2 },
      readyDeadline: 60_000,
      probeTimeout: 10_000,
      probeMode: "session",
      dist: "tcp",
    });
  });

  it("gives the same options from the CLI's default strings as from its own defaults", () => {
    const fromCli = clusterOptionsSchema.parse({
      otp: "27",
      nodes: "5",
      netTicktime: "5",
      agentReconnect: "on",
      pgRejoin: "on",
      readyDeadline: "60s",
      probeTimeout: "10s",
    });
    expect(fromCli).toEqual(clusterOptionsSchema.parse({}));
  });

  it("coerces numeric strings from the CLI", () => {
    const parsed = clusterOptionsSchema.parse({ nodes: "7", otp: "27", netTicktime: "60", readyDeadline: "2m" });
    expect(parsed).toMatchObject({ nodes: 7, otp: 27, netTicktime: 60, readyDeadline: 120_000 });
  });

  it.each([
    ["off", "off"],
    ["on", 1000],
    ["250", 250],
    [250, 250],
  ] as const)("reads agentReconnect %j as %j", (input, expected) => {
    expect(clusterOptionsSchema.parse({ agentReconnect: input }).agentReconnect).toBe(expected);
  });

  it.each([
    [false, false],
    ["false", false],
    ["true", true],
    [true, true],
  ] as const)("reads preventOverlappingPartitions %j as %j", (input, expected) => {
    expect(clusterOptionsSchema.parse({ preventOverlappingPartitions: input }).preventOverlappingPartitions).toBe(expected);
  });

  it("refuses an option it does not know (startCluster's too), at its own path and with the option meant", () => {
    const issues = clusterOptionsSchema.safeParse({ nodez: 3, netTicktime: 1 }).error?.issues;
    expect(issues?.map((issue) => [issue.path, issue.message])).toEqual([[["nodez"], "unknown key; did you mean nodes?"]]);
    expect(clusterOptionsSchema.parse({ nodes: 3, netTicktime: 1 })).toMatchObject({ nodes: 3, netTicktime: 1 });
  });

  it("rejects a preventOverlappingPartitions that is not a boolean", () => {
    expect(clusterOptionsSchema.safeParse({ preventOverlappingPartitions: "yes" }).success).toBe(false);
  });

  it("takes pgRejoin off as a negative control", () => {
    expect(clusterOptionsSchema.parse({ pgRejoin: "off" }).pgRejoin).toBe("off");
  });

  it("accepts only OTP 25, 27 and 29", () => {
    for (const otp of ["25", "27", "29"]) expect(clusterOptionsSchema.safeParse({ otp }).success).toBe(true);
    for (const otp of ["26", "24", "30", "latest"]) expect(clusterOptionsSchema.safeParse({ otp }).success).toBe(false);
  });

  it.each([
    ["nodes", "1"],
    ["nodes", "101"],
    ["nodes", "2.5"],
    ["netTicktime", "0"],
    ["agentReconnect", "sometimes"],
    ["agentReconnect", "10"],
    ["pgRejoin", "maybe"],
    ["pgScope", "Meshproof"],
    ["pgScope", "mesh-proof"],
    ["mirror", "not a url"],
    ["readyDeadline", "soon"],
  ])("rejects %s = %j", (field, value) => {
    expect(clusterOptionsSchema.safeParse({ [field]: value }).success).toBe(false);
  });

  it("rejects pg group names that are not plain atoms and negative member counts", () => {
    expect(clusterOptionsSchema.safeParse({ pgGroups: { Pool: 2 } }).success).toBe(false);
    expect(clusterOptionsSchema.safeParse({ pgGroups: { pool: -1 } }).success).toBe(false);
    expect(clusterOptionsSchema.parse({ pgGroups: { pool: 3, cache: 0 } }).pgGroups).toEqual({ pool: 3, cache: 0 });
  });

  it.each([
    ["pool:2,jobs:1", { pool: 2, jobs: 1 }],
    ["pool:0", { pool: 0 }],
    ["work_queue:3", { work_queue: 3 }],
    ["none", {}],
  ] as const)("reads pgGroups %j from the command line as %j", (input, expected) => {
    expect(clusterOptionsSchema.parse({ pgGroups: input }).pgGroups).toEqual(expected);
  });

  it("parses its own pgGroups again, an empty record included", () => {
    for (const input of ["pool:2,jobs:1", "none"]) {
      const parsed = clusterOptionsSchema.parse({ pgGroups: input });
      // as report.json stores them, in its scenario (durations in ms)
      expect(storedScenarioSchema.parse({ cluster: parsed }).cluster).toEqual(parsed);
    }
  });

  it.each(["pool", "Pool:1", "pool:x", "pool:1,", "pool:1;jobs:2", "pool:-1", "2pool:1", ""])("rejects pgGroups %j", (input) => {
    expect(clusterOptionsSchema.safeParse({ pgGroups: input }).success).toBe(false);
  });

  it("takes a user image, its node command and an absolute escript path", () => {
    const parsed = clusterOptionsSchema.parse({ image: "acme/app:1.2", nodeCmd: "bin/app foreground", escript: "/opt/app/erts/bin/escript" });
    expect(parsed).toMatchObject({ image: "acme/app:1.2", nodeCmd: "bin/app foreground", escript: "/opt/app/erts/bin/escript" });
  });

  it("leaves image, nodeCmd and escript unset by default", () => {
    const parsed = clusterOptionsSchema.parse({});
    expect(parsed).not.toHaveProperty("image");
    expect(parsed).not.toHaveProperty("nodeCmd");
    expect(parsed).not.toHaveProperty("escript");
  });

  it.each([
    ["escript", "bin/escript"],
    ["escript", "escript"],
    ["escript", ""],
    ["image", ""],
    ["nodeCmd", ""],
  ])("rejects %s = %j", (field, value) => {
    expect(clusterOptionsSchema.safeParse({ [field]: value }).success).toBe(false);
  });

  it("says an escript path must be absolute", () => {
    // with the image it belongs to: without one, the cross-field rules also say that --escript needs --image
    const result = clusterOptionsSchema.safeParse({ image: "acme/app:1.2", nodeCmd: "bin/app foreground", escript: "bin/escript" });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(["must be an absolute path"]);
  });

  it("refuses --base-image with an OTP mix, naming baseImage: one image gives one release", () => {
    const result = clusterOptionsSchema.safeParse({ otp: "27:3,29:2", baseImage: "erlang:27" });
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["baseImage", "--base-image gives one release: a mixed --otp needs the debootstrapped bases"],
    ]);
    expect(clusterOptionsSchema.safeParse({ otp: 27, baseImage: "erlang:27" }).success).toBe(true);
  });

  it("takes an OTP mix as its parts", () => {
    expect(clusterOptionsSchema.parse({ otp: "27:3,29:2" }).otp).toEqual([
      { release: 27, count: 3 },
      { release: 29, count: 2 },
    ]);
  });
});
