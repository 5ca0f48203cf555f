import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRun } from "../../src/cluster/open/find-run.js";
import { reportSchema, type Report } from "../../src/report/report-schema.js";
import { buildDemo, DEMO_NODE_CMD, removeImages, DEMO_OTP } from "./demo-release.js";
import { evalOnNode, meshproofCli } from "./harness.js";

/*
 * The layers above the mesh, each with a broken cluster that must fail naming
 * it and a healthy one under mixed faults that must pass: Mnesia on a user's
 * release, global (with the global-names workload), and the user's invariants.
 */

const DEMO = "meshproof-test/demo-layers:1";
// the release redials a lost peer no sooner than 3 s after: a redial within about a second of a partition's
// end can leave OTP's global split for good (README, Limitations), and the layer to show here is Mnesia
const WITH_MNESIA = `DEMO_MNESIA=1 DEMO_DIAL_EVERY_MS=3000 ${DEMO_NODE_CMD}`;
const meshproof = meshproofCli(240_000);

/** A console table as one line of words: a long detail wraps onto lines of its own in the table. */
function flat(table: string): string {
  return table.replace(/[\s│]+/g, " ");
}

beforeAll(async () => {
  await buildDemo(DEMO, DEMO_OTP);
});
afterAll(async () => {
  await removeImages(DEMO);
});

async function runWithReport(...args: string[]): Promise<{ exitCode: number | undefined; output: string; report: Report }> {
  const dir = await mkdtemp(join(tmpdir(), "meshproof-layers-"));
  const run = await meshproof("run", ...args, "--report", dir);
  const output = `${run.stdout}\n${run.stderr}`;
  const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
  return { exitCode: run.exitCode, output, report };
}

describe("the mnesia layer, on a user's release with a ram_copies table on every node", () => {
  it.each([
    ["a partition", "partition:isolate", "6s"],
    // shorter than the tick: nobody need notice it, but every connection that sent a packet meanwhile was reset
    ["a one-second blip that resets connections", "partition:isolate:both:reset", "1s"],
  ])("fails %s after which the mesh heals and Mnesia stays split, naming Mnesia", async (_name, fault, duration) => {
    const { exitCode, output, report } = await runWithReport(
      "--image", DEMO, "--node-cmd", WITH_MNESIA, "--nodes", "3", "--faults", fault, "--count", "1",
      "--net-ticktime", "2", "--fault-duration", duration, "--heal-deadline", "10s",
    );
    expect(exitCode, output).toBe(1);
    const [iteration] = report.iterations;
    expect(iteration!.layers.mesh.verdict, output).toBe("pass");
    expect(iteration!.layers.mnesia.verdict, output).toBe("fail");
    expect(iteration!.checks.find((c) => c.name === "mnesia converged")?.detail).toMatch(/Mnesia partitioned|inconsistent_database/);
    expect(report.layers.mnesia.verdict).toBe("fail");
  });

  it("passes kills, crashes and stops mixed on the same nodes: each restarted node joins the database again", async () => {
    const { exitCode, output, report } = await runWithReport(
      "--image", DEMO, "--node-cmd", WITH_MNESIA, "--nodes", "3", "--faults", "kill,crash,stop", "--count", "4", "--seed", "5", "--net-ticktime", "2",
    );
    expect(exitCode, output).toBe(0);
    for (const it of report.iterations) {
      expect(it.layers.mnesia.verdict, output).toBe("pass");
      expect(it.layers.mnesia.healMs, output).not.toBeNull();
    }
    expect(new Set(report.iterations.map((it) => it.fault)).size, "mixed kinds").toBeGreaterThan(1);
  });
});

describe("the global and invariants layers, on meshproof's image", () => {
  it("passes a split whose two registrations of one name global resolves, with an invariant that holds, under mixed faults", async () => {
    const { exitCode, output, report } = await runWithReport(
      "--nodes", "4", "--faults", "partition:halves,kill,pause", "--order", "cycle", "--count", "3", "--net-ticktime", "2",
      "--workload", "global-names", "--invariant", "equal:lists:sort([node() | nodes()])", "--invariant", "unique:node()",
    );
    expect(exitCode, output).toBe(0);
    const split = report.iterations[0]!;
    expect(split.checks.find((c) => c.name === "global names workload"), output).toMatchObject({ verdict: "pass" });
    for (const it of report.iterations) {
      expect([it.layers.mesh.verdict, it.layers.pg.verdict, it.layers.global.verdict, it.layers.invariants.verdict, it.layers.mnesia.verdict]).toEqual([
        "pass", "pass", "pass", "pass", "not present",
      ]);
    }
    expect(output).toMatch(/global/);
  });

  describe("check on a running cluster", () => {
    let runId: string;
    beforeAll(async () => {
      const up = await meshproof("up", "--nodes", "3");
      expect(up.exitCode, up.stderr).toBe(0);
      runId = up.stdout.trim().split("\n").at(-1)!;
    });
    afterAll(async () => {
      await meshproof("down", "--run", runId);
    });

    it("fails an invariant that differs across nodes, and passes it made equal", async () => {
      const differs = await meshproof("check", "--run", runId, "--invariant", "equal:node()");
      expect(differs.exitCode, differs.stdout).toBe(1);
      expect(flat(differs.stdout)).toMatch(/invariants fail node\(\) differs: app@n1 on app@n1; app@n2 on app@n2/);
      const equal = await meshproof("check", "--run", runId, "--invariant", "equal:lists:sort([node() | nodes()])", "--invariant", "unique:node()");
      expect(equal.exitCode, equal.stdout).toBe(0);
      expect(flat(equal.stdout)).toMatch(/invariants pass/);
      expect(flat(equal.stdout)).toMatch(/mnesia not present/);
    });

    it("fails a node whose global name table was made to differ, naming the name and the node", async () => {
      const cluster = await findRun(runId, 10_000);
      // global's own server deletes one name from its table on app@n3 only: the nodes now disagree
      const forget = "sys:replace_state(global_name_server, fun(S) -> ets:delete(global_names, {meshproof_agent, 'app@n1'}), S end), ok";
      expect(await evalOnNode(await cluster.container("app@n3"), "app@n3", forget)).toBe("ok");
      const check = await meshproof("check", "--run", runId);
      expect(check.exitCode, check.stdout).toBe(1);
      expect(flat(check.stdout)).toMatch(/global fail global name \{meshproof_agent,app@n1\} is registered on app@n1, app@n2 but not on app@n3/);
    });
  });
});
