import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { History } from "../../src/history/history.js";
import { startCluster, type StartedCluster } from "../../src/index.js";
import { runFaultIteration } from "../../src/run/fault-iteration.js";
import { buildDemo, DEMO_NODE_CMD, removeImages, DEMO_OTP } from "./demo-release.js";

/*
 * Per-layer heal times on a user's release whose pg pool re-forms 5 s after
 * its node has its whole mesh back (DEMO_JOIN_AFTER_MESH_MS): pg must heal
 * about 5 s after the mesh, each time with the resolution of its own looks;
 * the same release without the delay heals pg with the mesh.
 */

const DEMO = "meshproof-test/demo-layer-times:1";
const DELAY_MS = 5_000;
const deadlines = { detectMs: 15_000, healMs: 30_000, stableMs: 1_000 };

beforeAll(async () => {
  await buildDemo(DEMO, DEMO_OTP);
});
afterAll(async () => {
  await removeImages(DEMO);
});

async function killOnce(cluster: StartedCluster) {
  const plan = { index: 1, kind: "kill" as const, targets: ["app@n3"], durationMs: 500, waitBeforeMs: 0 };
  const result = await runFaultIteration({ cluster, history: new History(), deadlines }, plan);
  expect(result.checks.filter((c) => c.verdict !== "pass"), JSON.stringify(result.checks, null, 1)).toEqual([]);
  return result.layers;
}

async function onCluster<T>(nodeCmd: string, work: (cluster: StartedCluster) => Promise<T>): Promise<T> {
  const cluster = await startCluster({ image: DEMO, nodeCmd, pgScope: "demo", pgGroups: { workers: 1 }, nodes: 3 });
  try {
    return await work(cluster);
  } finally {
    await cluster.down();
  }
}

describe("each layer's heal time, at its own pace", () => {
  it("times pg about 5 s after the mesh when the pool re-forms 5 s after the mesh, each time with its resolution", async () => {
    const layers = await onCluster(`DEMO_JOIN_AFTER_MESH_MS=${DELAY_MS} ${DEMO_NODE_CMD}`, killOnce);
    const { mesh, pg } = layers;
    expect([mesh.verdict, pg.verdict], JSON.stringify(layers)).toEqual(["pass", "pass"]);
    const gapMs = pg.healMs! - mesh.healMs!;
    expect(gapMs, JSON.stringify(layers)).toBeGreaterThanOrEqual(DELAY_MS - 250);
    expect(gapMs, JSON.stringify(layers)).toBeLessThanOrEqual(DELAY_MS + 1_000);
    // cheap looks bracket each time closely, whatever global:sync() does in its own lane
    expect(mesh.healResolutionMs, JSON.stringify(layers)).toBeLessThanOrEqual(250);
    expect(pg.healResolutionMs, JSON.stringify(layers)).toBeLessThanOrEqual(250);
  });

  it("times pg with the mesh when the pool joins at once (the positive control)", async () => {
    const layers = await onCluster(DEMO_NODE_CMD, killOnce);
    const { mesh, pg } = layers;
    expect([mesh.verdict, pg.verdict], JSON.stringify(layers)).toEqual(["pass", "pass"]);
    expect(Math.abs(pg.healMs! - mesh.healMs!), JSON.stringify(layers)).toBeLessThanOrEqual(500);
  });
});
