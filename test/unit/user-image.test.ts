import { describe, it, expect } from "vitest";
import { clusterNodes } from "../../src/cluster/cluster-node.js";
import { nodeCommand } from "../../src/cluster/user-image.js";
import { clusterOptionsSchema, type ClusterOptionsInput } from "../../src/config/cluster-options.js";
import { otpSchema } from "../../src/config/otp.js";
import { userImageProblems } from "../../src/config/user-image-problems.js";

type UserImageFields = Pick<ClusterOptionsInput, "image" | "nodeCmd" | "escript" | "otp" | "baseImage" | "engine">;

/**
 * The problems of cluster options as the user gives them (defaults filled in,
 * the OTP release or mix parsed). Not through clusterOptionsSchema: it runs
 * these rules itself (and the OTP mix's), so it refuses what is tested here.
 */
function problemsOf({ otp = 25, engine = "docker", ...fields }: UserImageFields) {
  return userImageProblems({ ...fields, otp: otpSchema.parse(otp), engine });
}

/** What clusterOptionsSchema says of the same options: each issue's field and message. */
function schemaIssuesOf(input: UserImageFields) {
  return clusterOptionsSchema.safeParse(input).error?.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message })) ?? [];
}

describe("userImageProblems", () => {
  it("finds none in meshproof's own image (no --image, no --node-cmd, no --escript)", () => {
    expect(problemsOf({})).toEqual([]);
    expect(problemsOf({ otp: "27:3,29:2", baseImage: "erlang:27", engine: "swarm" })).toEqual([]);
  });

  it("finds none in an image with its node command", () => {
    expect(problemsOf({ image: "acme/app:1.2", nodeCmd: "bin/app foreground" })).toEqual([]);
    expect(problemsOf({ image: "acme/app:1.2", nodeCmd: "bin/app foreground", escript: "/opt/erts/bin/escript", otp: "27", engine: "docker" })).toEqual([]);
  });

  it("refuses --node-cmd without --image", () => {
    expect(problemsOf({ nodeCmd: "bin/app foreground" })).toEqual([{ field: "nodeCmd", message: "--node-cmd applies only with --image" }]);
  });

  it("refuses --escript without --image", () => {
    expect(problemsOf({ escript: "/usr/bin/escript" })).toEqual([{ field: "escript", message: "--escript applies only with --image" }]);
  });

  it("names both --node-cmd and --escript without --image", () => {
    expect(problemsOf({ nodeCmd: "bin/app foreground", escript: "/usr/bin/escript" }).map((p) => p.field)).toEqual(["nodeCmd", "escript"]);
  });

  it("refuses --image without --node-cmd, saying what the command is for", () => {
    expect(problemsOf({ image: "acme/app:1.2" })).toEqual([{ field: "nodeCmd", message: "--image needs --node-cmd: how a node starts in that image" }]);
  });

  it("refuses --image with --base-image", () => {
    expect(problemsOf({ image: "acme/app:1.2", nodeCmd: "x", baseImage: "erlang:27" })).toEqual([
      { field: "baseImage", message: "--image is the whole node image: it takes no --base-image" },
    ]);
  });

  it("refuses --image with an OTP mix, even of one part", () => {
    expect(problemsOf({ image: "acme/app:1.2", nodeCmd: "x", otp: "27:3,29:2" })).toEqual([{ field: "otp", message: "--image has its own release: it takes no OTP mix" }]);
    expect(problemsOf({ image: "acme/app:1.2", nodeCmd: "x", otp: "27:5" }).map((p) => p.field)).toEqual(["otp"]);
  });

  it("refuses --image on --engine swarm, saying why", () => {
    const problems = problemsOf({ image: "acme/app:1.2", nodeCmd: "x", engine: "swarm" });
    expect(problems.map((p) => p.field)).toEqual(["engine"]);
    expect(problems[0]!.message).toMatch(/^--image runs on --engine docker \(/);
  });

  it("names every problem at once", () => {
    expect(problemsOf({ image: "acme/app:1.2", baseImage: "erlang:27", otp: "25:2,27:3", engine: "swarm" }).map((p) => p.field)).toEqual([
      "nodeCmd",
      "baseImage",
      "otp",
      "engine",
    ]);
  });
});

describe("clusterOptionsSchema runs the user-image rules", () => {
  it.each<[string, UserImageFields]>([
    ["--node-cmd without --image", { nodeCmd: "bin/app foreground" }],
    ["--escript without --image", { escript: "/usr/bin/escript" }],
    ["both without --image", { nodeCmd: "bin/app foreground", escript: "/usr/bin/escript" }],
    ["--image without --node-cmd", { image: "acme/app:1.2" }],
    ["--image with --base-image", { image: "acme/app:1.2", nodeCmd: "x", baseImage: "erlang:27" }],
    ["--image with an OTP mix", { image: "acme/app:1.2", nodeCmd: "x", otp: "27:5" }],
    ["--image on --engine swarm", { image: "acme/app:1.2", nodeCmd: "x", engine: "swarm" }],
  ])("refuses %s, naming the field as userImageProblems does", (_what, input) => {
    const problems = problemsOf(input);
    expect(problems).not.toEqual([]);
    expect(schemaIssuesOf(input)).toEqual(problems);
  });

  it("accepts meshproof's own image, and a user image with its node command", () => {
    expect(schemaIssuesOf({})).toEqual([]);
    expect(schemaIssuesOf({ image: "acme/app:1.2", nodeCmd: "bin/app foreground", escript: "/opt/erts/bin/escript", otp: "27", engine: "docker" })).toEqual([]);
  });
});

describe("nodeCommand", () => {
  const all = clusterNodes("r1", 3);
  const n2 = all[1]!;

  it("fills in {node}, {name}, {host}, {peers} and {net_ticktime}", () => {
    const template = "RELEASE_NODE={node} RELEASE_NAME={name} HOST={host} PEERS='{peers}' exec bin/app foreground -kernel net_ticktime {net_ticktime}";
    expect(nodeCommand(template, n2, all, 7)).toBe(
      "RELEASE_NODE=app@n2 RELEASE_NAME=app HOST=n2 PEERS='app@n1 app@n2 app@n3' exec bin/app foreground -kernel net_ticktime 7",
    );
  });

  it("fills in every occurrence of each placeholder", () => {
    expect(nodeCommand("{node} {node} {name}{name} {host}/{host} [{peers}] [{peers}] {net_ticktime},{net_ticktime}", n2, all, 5)).toBe(
      "app@n2 app@n2 appapp n2/n2 [app@n1 app@n2 app@n3] [app@n1 app@n2 app@n3] 5,5",
    );
  });

  it("leaves a template without placeholders, and unknown braces, as they are", () => {
    expect(nodeCommand("bin/app foreground", n2, all, 5)).toBe("bin/app foreground");
    expect(nodeCommand("echo {cookie} {NODE}", n2, all, 5)).toBe("echo {cookie} {NODE}");
  });

  it("gives each node its own name and host", () => {
    expect(all.map((node) => nodeCommand("{name}@{host}={node}", node, all, 5))).toEqual(["app@n1=app@n1", "app@n2=app@n2", "app@n3=app@n3"]);
  });
});
