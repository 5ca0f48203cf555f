import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shrinkCommand } from "../../src/cli/commands/shrink.js";
import { UsageError } from "../../src/errors.js";
import { silentProgress } from "../../src/progress.js";
import { buildReport } from "../../src/report/build-report.js";
import { scenarioSchema } from "../../src/scenario/scenario.js";

/* What shrink refuses before any cluster starts. */

const ctx = { signal: new AbortController().signal, progress: silentProgress, out: () => {}, say: () => {} };

async function reportFile(verdict: "pass" | "fail", reproduce = "meshproof run --kills 2 --seed 1"): Promise<string> {
  const scenario = scenarioSchema.parse({ cluster: { nodes: 3 }, count: 1 });
  const check = { name: "mesh", verdict, detail: verdict === "fail" ? "app@n1 does not see app@n2" : "whole" };
  const report = buildReport({
    runId: "abc123", seed: 1, scenario, schedule: [{ index: 1, kind: "kill", targets: ["app@n2"], durationMs: 1_000, waitBeforeMs: 0 }], reproduce,
    startedAt: new Date(), durationMs: 10, observations: [], nodes: ["app@n1", "app@n2", "app@n3"],
    result: { iterations: [], checks: [check], stats: { overall: { detect: null, heal: null, healResolution: null }, byFault: {} }, verdict },
  });
  const dir = await mkdtemp(join(tmpdir(), "meshproof-shrink-unit-"));
  await writeFile(join(dir, "report.json"), JSON.stringify(report));
  return join(dir, "report.json");
}

describe("meshproof shrink refuses", () => {
  it("a run that passed: there is nothing to shrink", async () => {
    await expect(shrinkCommand(await reportFile("pass"), {}, ctx)).rejects.toThrow(/ended pass: only a failed run can be shrunk/);
  });

  it("a bad --tries or --budget, by its flag", async () => {
    const path = await reportFile("fail");
    await expect(shrinkCommand(path, { tries: "0" }, ctx)).rejects.toThrow(/--tries: must be a whole number from 1 to 100/);
    await expect(shrinkCommand(path, { budget: "soon" }, ctx)).rejects.toThrow(/--budget: not a duration/);
    await expect(shrinkCommand(path, { budget: "30" }, ctx)).rejects.toThrow('--budget: "30" has no unit: a duration needs one, e.g. 1s or 500ms');
  });

  it("a run against an attached cluster without --attach, which it needs to find the cluster again", async () => {
    const path = await reportFile("fail", "meshproof run --attach compose:shop --kills 2 --seed 1");
    await expect(shrinkCommand(path, {}, ctx)).rejects.toThrow(UsageError);
    await expect(shrinkCommand(path, {}, ctx)).rejects.toThrow(/give the same --attach/);
  });
});
