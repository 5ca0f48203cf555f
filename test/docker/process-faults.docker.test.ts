import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reportSchema, type Report } from "../../src/report/report-schema.js";
import { meshproofCli } from "./harness.js";

/*
 * kill-process and suspend-process through `meshproof run` on 3-node clusters
 * (tick 2 s): mixed with a kill on the same node they pass, each naming its
 * evidence; a kernel process killed takes its node down, as OTP does; a name
 * no process holds fails, naming the name and the node.
 */

const meshproof = meshproofCli(240_000);
const PID = String.raw`<0\.\d+\.\d+>`;

async function runWithReport(...args: string[]): Promise<{ exitCode: number | undefined; output: string; report: Report }> {
  const dir = await mkdtemp(join(tmpdir(), "meshproof-process-faults-"));
  const run = await meshproof("run", ...args, "--report", dir);
  const output = `${run.stdout}\n${run.stderr}`;
  const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
  return { exitCode: run.exitCode, output, report };
}

function detailOf(iteration: Report["iterations"][number], name: string): string | undefined {
  return iteration.checks.find((c) => c.name === name)?.detail;
}

describe("process faults on a real cluster", () => {
  it("passes kill-process of the agent's pg scope, suspend-process of global_name_server and a kill, all on app@n2, each with its evidence", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-process-scenario-"));
    const scenario = join(dir, "process-faults.yaml");
    await writeFile(
      scenario,
      [
        "cluster: { nodes: 3, netTicktime: 2 }",
        "faults:",
        "  - { kind: kill-process, process: meshproof, target: { nodes: [app@n2] } }",
        "  - { kind: suspend-process, process: global_name_server, target: { nodes: [app@n2] }, duration: 3s }",
        "  - { kind: kill, target: { nodes: [app@n2] } }",
        "  - { kind: suspend-process, process: meshproof, target: { nodes: [app@n2] }, duration: 3s }",
        "order: cycle",
        "count: 4",
      ].join("\n"),
    );
    const { exitCode, output, report } = await runWithReport("--scenario", scenario);
    expect(exitCode, output).toBe(0);
    expect(report.iterations.map((it) => [it.fault, it.verdict])).toEqual([
      ["kill-process", "pass"],
      ["suspend-process", "pass"],
      ["kill", "pass"],
      ["suspend-process", "pass"],
    ]);
    const [killed, suspended, , suspendedScope] = report.iterations;
    expect(detailOf(killed!, "fault applied")).toMatch(new RegExp(`killed meshproof ${PID} on app@n2; meshproof is ${PID} now, started again by meshproof_pool_sup`));
    expect(detailOf(suspended!, "fault applied")).toMatch(new RegExp(`global_name_server ${PID} on app@n2 is suspended \\(sys says so\\)`));
    expect(detailOf(suspended!, "fault undone")).toMatch(/^what the fault took is back, seen \d+\.\d s after the fault was lifted$/);
    expect(detailOf(suspendedScope!, "fault applied")).toMatch(new RegExp(`meshproof ${PID} on app@n2 is suspended`));
    // the scope's workers were started again with it and joined the new scope: pg converged after the kill
    expect(killed!.layers.pg.verdict).toBe("pass");
  });

  // erl exits 1 then (the kernel application ended), so Docker's on-failure policy restarts the container
  it.each(["25", "27", "29"])("kill-process of global_name_server on OTP %s takes its node down (kernel_sup restarts none of its children); the engine restarts it and the cluster heals", async (otp) => {
    const { exitCode, output, report } = await runWithReport("--otp", otp, "--nodes", "3", "--net-ticktime", "2", "--faults", "kill-process:global_name_server", "--count", "1", "--seed", "3");
    expect(exitCode, output).toBe(0);
    const [iteration] = report.iterations;
    const node = iteration!.targets[0]!;
    expect(detailOf(iteration!, "fault applied")).toMatch(
      new RegExp(`killing global_name_server ${PID} on ${node} took the node down \\(kernel_sup restarts none of its children: the node stops when one dies\\); (the engine (is restarting|restarted) it|it came back as a new incarnation)`),
    );
    // a node that may come back as a new incarnation, once, is no cascade
    expect(iteration!.checks.find((c) => c.name === "no cascade")?.verdict).toBe("pass");
    expect(report.iterations[0]!.checks.find((c) => c.name === "no unexpected disconnect")?.detail).toMatch(/^each of \d+ nodedowns came from a fault$/);
  });

  it("fails kill-process of a name no process holds, naming the name and the node", async () => {
    const { exitCode, output, report } = await runWithReport(
      "--nodes", "3", "--net-ticktime", "2", "--faults", "kill-process:no_such_process", "--count", "1", "--seed", "3", "--detect-deadline", "3s",
    );
    expect(exitCode, output).toBe(1);
    const [iteration] = report.iterations;
    expect(iteration!.verdict).toBe("fail");
    expect(detailOf(iteration!, "fault applied")).toContain(`no process on ${iteration!.targets[0]} is registered as no_such_process: nothing to kill`);
  });
});
