import { describe, expect, it } from "vitest";
import type { ContainerHandle } from "../../src/docker/client.js";
import { ProbePool, type ProbeTarget } from "../../src/probe/probe-pool.js";

/*
 * What the pool answers for a node without an open session. No Docker here:
 * a stand-in container whose exec start the engine refuses, as it does for a
 * container that is not running.
 */

const stopped = {
  exec: async () => ({
    start: () => Promise.reject(Object.assign(new Error("(HTTP code 409) container stopped/paused"), { statusCode: 409, json: { message: "Container abc is not running" } })),
  }),
} as unknown as ContainerHandle;
const target: ProbeTarget = { container: async () => stopped, launch: {} };

describe("ProbePool", () => {
  it("answers a node whose session is opening as unreachable at once, without waiting for it", async () => {
    const pool = new ProbePool({ timeoutMs: 1_000, mode: "session" });
    expect(await pool.ask("app@n1", target, [{ op: "mesh" }])).toEqual({ status: "unreachable", reason: "probe session starting", answers: [] });
    await pool.close();
  });

  it("says why the node's last session did not open, and tries again", async () => {
    const pool = new ProbePool({ timeoutMs: 1_000, mode: "session" });
    pool.warm("app@n1", target);
    await pool.settled();
    expect(await pool.ask("app@n1", target, [{ op: "mesh" }])).toEqual({ status: "unreachable", reason: "Container abc is not running", answers: [] });
    // that ask opens another session; while it opens, the node's state is not known
    expect(await pool.ask("app@n1", target, [{ op: "mesh" }])).toMatchObject({ reason: "probe session starting" });
    await pool.settled();
    expect(await pool.ask("app@n1", target, [{ op: "mesh" }])).toMatchObject({ reason: "Container abc is not running" });
    await pool.close();
  });

  it("never reports a secret of the target's, whatever the probe or the engine said", async () => {
    const leaky = {
      exec: async () => ({
        start: () => Promise.reject(Object.assign(new Error("(HTTP code 409)"), { statusCode: 409, json: { message: "cannot run with cookie s3cr3t" } })),
      }),
    } as unknown as ContainerHandle;
    const pool = new ProbePool({ timeoutMs: 1_000, mode: "oneshot" });
    const outcome = await pool.ask("app@n1", { container: async () => leaky, launch: { secrets: ["s3cr3t"] } }, [{ op: "mesh" }]);
    expect(outcome).toEqual({ status: "unreachable", reason: "cannot run with cookie [cookie]", answers: [] });
  });
});
