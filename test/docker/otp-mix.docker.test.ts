import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reportSchema } from "../../src/report/report-schema.js";
import type { MatrixResult } from "../../src/matrix/run-matrix.js";
import { meshproofCli } from "./harness.js";

/* Clusters of mixed OTP releases, and the compatibility matrix built from real runs of them. */

const meshproof = meshproofCli(240_000);

describe("mixed OTP releases", () => {
  it("a 27/29 cluster passes a kill scenario, and each node reports its own release", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-mix-"));
    const run = await meshproof("run", "--otp", "27:2,29:2", "--nodes", "4", "--kills", "3", "--seed", "3", "--report", dir);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
    expect(report.nodes.map((n) => n.otpRelease)).toEqual(["27", "27", "29", "29"]);
  });

  it("refuses a mix that does not add up to the node count, naming --otp", async () => {
    const run = await meshproof("run", "--otp", "27:3,29:3", "--nodes", "5");
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/otp.*makes 6 nodes, but the cluster has 5/);
  });
});

describe("meshproof matrix", () => {
  it("tabulates each release alone and the pair mixed, from what the nodes did", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-matrix-"));
    const run = await meshproof("matrix", "--otp", "25,27", "--nodes", "3", "--kills", "1", "--seed", "1", "--require", "25-27", "--report", dir);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    const matrix = JSON.parse(await readFile(join(dir, "matrix.json"), "utf8")) as MatrixResult;
    expect(matrix.cells.map((c) => c.cell)).toEqual(["25", "27", "25-27"]);
    const mixed = matrix.cells.find((c) => c.cell === "25-27")!;
    expect(mixed).toMatchObject({ meshFormed: true, pgConverged: true, verdict: "pass", required: true });
    // the table says what the nodes themselves reported, not what was asked for
    expect(mixed.nodes.map((n) => n.otpRelease)).toEqual(["25", "25", "27"]);
    expect(mixed.nodes[2]!.otpVersion).toMatch(/^27\./);
    expect(run.stdout).toMatch(/│ 25\s+│ ok: mesh, pg, heal p95 \d+ ms\s+│ ok: mesh, pg, heal p95 \d+ ms \(required\)/);
    expect(await readFile(join(dir, "matrix.md"), "utf8")).toContain("| **25** |");
  });

  it("says why two releases outside OTP's compatibility window do not get along, with the node log lines that show it, and still passes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-matrix-"));
    const run = await meshproof("matrix", "--otp", "25,29", "--nodes", "2", "--kills", "1", "--seed", "1", "--ready-deadline", "20s", "--require", "25,29", "--report", dir);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    const matrix = JSON.parse(await readFile(join(dir, "matrix.json"), "utf8")) as MatrixResult;
    expect(matrix.cells.map((c) => [c.cell, c.verdict, c.otpWindow])).toEqual([["25", "pass", "inside"], ["29", "pass", "inside"], ["25-29", "fail", "outside"]]);
    const mixed = matrix.cells.find((c) => c.cell === "25-29")!;
    expect(mixed).toMatchObject({ required: false, pgConverged: false });
    // OTP 25's pg scope crashes on the discover message of OTP 29's
    expect(mixed.logLines.join("\n")).toMatch(/app@n1: \*\* Last message in was \{discover,/);
    expect(run.stdout).toMatch(/│ 25\s+│ ok: mesh, pg, heal p95 \d+ ms \(required\)\s+│ outside OTP's compatibility window: failed \((no mesh|pg did not converge)\)/);
    expect(run.stdout).toContain("matrix: pass");
    // matrix.md gives the reason one line; matrix.json keeps it whole
    const markdown = (await readFile(join(dir, "matrix.md"), "utf8")).split("\n");
    const reason = markdown.find((line) => line.startsWith("- 25-29 (outside OTP's compatibility window): "))!;
    expect(reason, markdown.join("\n")).toContain(mixed.reason!.split("\n")[0]!.slice(0, 100));
    expect(markdown.every((line) => line.length <= 300)).toBe(true);
  });

  it("refuses to require a pair outside OTP's compatibility window, before starting anything", async () => {
    const run = await meshproof("matrix", "--otp", "25,27,29", "--require", "27-29,25-29");
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/--require: 25-29 is outside OTP's compatibility window/);
  });
});
