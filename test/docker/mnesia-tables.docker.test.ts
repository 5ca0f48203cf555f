import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportSchema, type Report } from "../../src/report/report-schema.js";
import { buildDemo, DEMO_NODE_CMD, removeImages, DEMO_OTP } from "./demo-release.js";
import { meshproofCli } from "./harness.js";

/*
 * Mnesia judged by what each table promises, on a user's release with tables
 * such as ejabberd's: demo_local is local_content on every node (each node
 * keeps its own rows, so its replicas differ by design), demo_pair has a copy
 * on app@n1 and app@n2 only, demo_kv on every node.
 */

const DEMO = "meshproof-test/demo-tables:1";
// the release redials a lost peer no sooner than 3 s after (see layers.docker.test.ts): the layer to show here is Mnesia
const WITH_TABLES = `DEMO_MNESIA=tables DEMO_DIAL_EVERY_MS=3000 ${DEMO_NODE_CMD}`;
const JUDGED = "3 tables judged: 2 among their holders (demo_kv, demo_pair), 1 local_content per node (demo_local)";
const meshproof = meshproofCli(180_000);

beforeAll(async () => {
  await buildDemo(DEMO, DEMO_OTP);
});
afterAll(async () => {
  await removeImages(DEMO);
});

async function runWithReport(...args: string[]): Promise<{ exitCode: number | undefined; output: string; report: Report }> {
  const dir = await mkdtemp(join(tmpdir(), "meshproof-mnesia-tables-"));
  const run = await meshproof("run", "--image", DEMO, "--node-cmd", WITH_TABLES, ...args, "--report", dir);
  const output = `${run.stdout}\n${run.stderr}`;
  const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
  return { exitCode: run.exitCode, output, report };
}

const mnesiaDetail = (iteration: Report["iterations"][number]) => iteration.checks.find((c) => c.name === "mnesia converged")?.detail;

describe("the mnesia layer, on a release with a local_content table and a table on 2 of 3 nodes", () => {
  it("passes kills and a crash of the pair's holders: each restarted node loads its copies again, demo_local judged per node", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-mnesia-tables-"));
    const scenario = join(dir, "scenario.yaml");
    await writeFile(
      scenario,
      "cluster: { nodes: 3, netTicktime: 2 }\n" +
        "faults:\n  - { kind: kill, target: { nodes: [app@n2] } }\n  - { kind: crash, target: { nodes: [app@n2] } }\n  - { kind: kill, target: { nodes: [app@n1] } }\n" +
        "order: cycle\ncount: 3\n",
    );
    const { exitCode, output, report } = await runWithReport("--scenario", scenario, "--seed", "1");
    expect(exitCode, output).toBe(0);
    expect(report.iterations.map((it) => `${it.fault} ${it.targets.join(",")}`)).toEqual(["kill app@n2", "crash app@n2", "kill app@n1"]);
    for (const it of report.iterations) {
      expect(it.layers.mnesia.verdict, output).toBe("pass");
      expect(mnesiaDetail(it), output).toBe(`3 nodes run Mnesia with the same running db nodes; ${JUDGED}`);
    }
  });

  it("fails a partition beyond the tick that separates the pair's holders, Mnesia left split, naming Mnesia and demo_pair", async () => {
    // seed 2 isolates app@n2 from app@n1 and app@n3
    const { exitCode, output, report } = await runWithReport(
      "--nodes", "3", "--faults", "partition:isolate", "--count", "1", "--seed", "2", "--net-ticktime", "2", "--fault-duration", "6s", "--heal-deadline", "10s",
    );
    expect(exitCode, output).toBe(1);
    const [iteration] = report.iterations;
    expect(iteration!.targets).toEqual(["app@n2"]);
    expect(iteration!.layers.mesh.verdict, output).toBe("pass");
    expect(iteration!.layers.mnesia.verdict, output).toBe("fail");
    const detail = mnesiaDetail(iteration!);
    // app@n2 on a side of its own; app@n1 and app@n3 may have split from each other too (seen in one run of two)
    expect(detail).toMatch(/^not healed by itself within 10 s: Mnesia partitioned: [^;]*\[app@n2\][^;]*; /);
    expect(detail).toMatch(/; table demo_pair: active replicas differ among its holders: \[app@n1\] on app@n1, \[app@n2\] on app@n2; /);
    expect(detail).not.toMatch(/table demo_local/);
    expect(detail).toMatch(new RegExp(`; ${JUDGED.replace(/[()]/g, "\\$&")}$`));
    expect(report.layers.mnesia.verdict).toBe("fail");
  });
});
