import { describe, expect, it } from "vitest";
import { neighbourEntriesNeeded, raiseNeighbourTableCommand } from "../../src/cluster/neighbour-table.js";
import { raiseBlocker } from "../docker/neighbour-table.js";

describe("the neighbour table a mesh needs", () => {
  it("is about 2 x N x N entries: 5000 for 50 nodes, over the kernel's default 1024", () => {
    expect(neighbourEntriesNeeded(50)).toBe(5_000);
    expect(neighbourEntriesNeeded(20)).toBeLessThan(1_024);
  });

  it("is raised by one sysctl command setting gc_thresh1..3", () => {
    expect(raiseNeighbourTableCommand(5_000)).toBe(
      "sysctl -w net.ipv4.neigh.default.gc_thresh1=1250 net.ipv4.neigh.default.gc_thresh2=2500 net.ipv4.neigh.default.gc_thresh3=5000",
    );
  });
});

describe("whether a docker test may raise it itself", () => {
  it("may as root with the engine on this machine", () => {
    expect(raiseBlocker(0, undefined)).toBeUndefined();
    expect(raiseBlocker(0, "unix:///var/run/docker.sock")).toBeUndefined();
  });

  it("may not as another user, or with a remote engine, and says which", () => {
    expect(raiseBlocker(1000, undefined)).toBe("this test does not run as root");
    expect(raiseBlocker(undefined, undefined)).toBe("this test does not run as root");
    expect(raiseBlocker(0, "tcp://build-host:2376")).toBe("the engine is not on this machine (DOCKER_HOST=tcp://build-host:2376)");
  });
});
