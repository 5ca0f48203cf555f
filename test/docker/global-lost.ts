import { expect } from "vitest";
import { expectationsOf, judgeHealthy, type StartedCluster } from "../../src/index.js";
import type { CheckResult } from "../../src/checks/verdict.js";
import { evalOnNode } from "./harness.js";

/*
 * OTP's global can lose a name after a partial partition, or leave a sync
 * stuck, on OTP 27 at the default tick too, with or without meshproof's agent
 * (docs/limitations.md has the counts). A positive control that meets it has
 * not met a false alarm, but only if meshproof's verdict is proven right:
 * global is still wrong a while later (lost, not slow), and the remedy the
 * verdict names, applied as an operator would, makes it converge. Nothing
 * else may have failed. Anything short of that fails the control.
 */

const LOOK_AGAIN_AFTER_MS = 10_000;
const REMEDY = /remedy \(OTP's own; meshproof applies none\): (.*?); global (?:syncs|exchanges names) again when they reconnect/g;

/** The checks of an iteration that failed only because global did not converge (the rest judged so, or not judged for it). */
export function failedOnGlobalAlone(checks: readonly CheckResult[]): CheckResult | undefined {
  const failed = checks.filter((c) => c.verdict === "fail");
  const unjudged = checks.filter((c) => c.verdict === "unknown");
  const global = failed.length === 1 && failed[0]!.name === "global converged" ? failed[0] : undefined;
  return global && unjudged.every((c) => c.detail === "not judged: the cluster did not heal") ? global : undefined;
}

/**
 * Proves a failed global verdict right on the cluster it was made on, or
 * fails the test: a look 10 s later still fails global alone, and after the
 * verdict's own remedy global converges within 30 s. Returns what it proved, for the test's log.
 */
export async function expectGlobalLostAndRemedied(cluster: StartedCluster, verdict: CheckResult): Promise<string> {
  const remedies = [...verdict.detail.matchAll(REMEDY)].flatMap((match) => match[1]!.split("; "));
  expect(remedies, `a failed global verdict names OTP's remedy: ${verdict.detail}`).not.toEqual([]);

  await new Promise((resolve) => setTimeout(resolve, LOOK_AGAIN_AFTER_MS));
  const later = await look(cluster);
  expect(later.mesh.verdict, later.mesh.detail).toBe("pass");
  expect(later.global.verdict, `global ${LOOK_AGAIN_AFTER_MS} ms later: ${later.global.detail}`).toBe("fail");

  for (const step of remedies) {
    const [, node, calls] = /^on (\S+) (.*)$/.exec(step)!;
    await evalOnNode(await cluster.container(node!), node!, calls!);
  }
  await expect.poll(async () => (await look(cluster)).global.verdict, { timeout: 30_000, interval: 1_000 }).toBe("pass");
  return `${verdict.detail} | still so ${LOOK_AGAIN_AFTER_MS} ms later; after ${remedies.join("; ")}: global converged`;
}

/** One look at the cluster, judged as `meshproof check` judges it: the mesh, and global. */
export async function look(cluster: StartedCluster) {
  const observations = await cluster.probe(cluster.nodeNames, { syncGlobal: true });
  const health = judgeHealthy(observations, cluster.nodeNames, expectationsOf(cluster.options));
  return { mesh: health.mesh, global: health.global! };
}
