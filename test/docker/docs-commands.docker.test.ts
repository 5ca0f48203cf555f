import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { removeRuns } from "../../src/cluster/remove-run.js";
import { listContainers } from "../../src/docker/containers.js";
import { LABEL_RUN } from "../../src/docker/labels.js";
import { docFiles, fencesOf, ROOT } from "../unit/docs-examples.js";

/*
 * The command blocks the docs mark `<!-- runs -->` (the others say why not),
 * run as a reader runs them: in bash, from an empty directory, each command
 * stopping the block if it fails; `npx meshproof` is the CLI that the global
 * setup built into dist/. Each block cleans up after itself, as the docs say.
 */

const runnable = docFiles()
  .flatMap(fencesOf)
  .filter((fence) => fence.marker === "runs");

afterAll(async () => {
  await removeRuns("all"); // only what a failed block left; a passing one leaves nothing (asserted below)
});

describe("the docs' runnable command blocks", () => {
  it("include the README's worked example", () => {
    expect(runnable.map((fence) => fence.file)).toContain("README.md");
  });

  it.each(runnable.map((fence) => [`${fence.file}:${fence.line}`, fence] as const))("%s: every command exits 0, leaving nothing behind", { timeout: 170_000 }, async (_, fence) => {
    const cwd = await mkdtemp(join(tmpdir(), "meshproof-docs-"));
    const script = ["set -euxo pipefail", `meshproof() { node ${JSON.stringify(join(ROOT, "dist/cli/main.js"))} "$@"; }`, fence.body.replace(/\bnpx meshproof\b/g, "meshproof")].join("\n");
    const result = await execa("bash", ["-c", script], { cwd, reject: false, timeout: 160_000, all: true });
    expect(result.exitCode, result.all).toBe(0);
    if (/\bmeshproof run\b/.test(script)) expect(result.stdout).toMatch(/^verdict: pass/m);
    expect(await listContainers([LABEL_RUN]), "the block's own down removes its cluster, and a run removes its own").toEqual([]);
  });
});
