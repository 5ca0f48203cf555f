import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reportSchema } from "../../src/report/report-schema.js";
import { meshproofCli, runResources } from "./harness.js";
import { neighbourTableFor } from "./neighbour-table.js";

/* A run of 50 nodes through the CLI: both cores for a while, so it runs with the engine to itself (vitest.config.ts). */

const meshproof = meshproofCli(240_000);

describe("meshproof run at scale", () => {
  it("kills and heals in a 50-node cluster", async (ctx) => {
    const skip = await neighbourTableFor(50);
    if (skip) {
      console.warn(`skipping the 50-node test: ${skip}`);
      ctx.skip(skip);
    }
    const dir = await mkdtemp(join(tmpdir(), "meshproof-50-"));
    const run = await meshproof("run", "--nodes", "50", "--kills", "2", "--report", dir);
    expect(run.exitCode, run.stderr).toBe(0);
    const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
    expect(report.nodes).toHaveLength(50);
    expect(report.iterations.every((it) => it.verdict === "pass")).toBe(true);
    expect(await runResources()).toBe(0);
  });
});
