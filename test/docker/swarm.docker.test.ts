import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LABEL_RUN } from "../../src/docker/labels.js";
import { parseHistory } from "../../src/report/html/parse-history.js";
import { reportSchema } from "../../src/report/report-schema.js";
import { listSecrets, listServices } from "../../src/docker/swarm.js";
import { meshproofCli } from "./harness.js";

/* The swarm engine on a single-node swarm (the global setup makes the engine a manager): swarm, not the harness, brings killed nodes back. */

const meshproof = meshproofCli(240_000);


describe("meshproof run --engine swarm", () => {
  it("passes 5 seeded kills of 5 nodes that swarm alone restarts, and the report says so", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-swarm-"));
    const run = await meshproof("run", "--engine", "swarm", "--kills", "5", "--seed", "5", "--report", dir);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
    expect(report.scenario.cluster.engine).toBe("swarm");
    expect(report.iterations).toHaveLength(5);
    for (const iteration of report.iterations) {
      expect(iteration.restartedBy).toEqual(Object.fromEntries(iteration.targets.map((node) => [node, "swarm"])));
      // a new task is what the engine-restart check demands
      expect(iteration.checks.find((c) => c.name === "fault applied")?.verdict).toBe("pass");
    }
    const history = parseHistory(await readFile(join(dir, "history.ndjson"), "utf8"));
    expect(history.filter((event) => event.f === "recover"), "the harness restarted a node").toEqual([]);
    expect(await listServices([LABEL_RUN])).toEqual([]);
  });

  // a partition: swarm restarts no task for it, and with reconnect off nothing redials, not even OTP's global telling its peers
  it("fails (exit 1) a cluster that does not heal on swarm either: agents that never reconnect, after a partition", async () => {
    const run = await meshproof("run", "--engine", "swarm", "--nodes", "3", "--faults", "partition:isolate", "--count", "1", "--agent-reconnect", "off", "--heal-deadline", "8s");
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(1);
    expect(run.stdout).toMatch(/mesh healed fail/);
  });

  it("refuses a partition by network disconnect before anything starts, naming the field", async () => {
    const scenario = join(await mkdtemp(join(tmpdir(), "meshproof-swarm-")), "disconnect.yaml");
    await writeFile(scenario, "faults:\n  - { kind: partition, shape: isolate, method: disconnect }\n");
    const run = await meshproof("run", "--engine", "swarm", "--scenario", scenario);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/faults\.0\.method.*swarm/);
    expect(await listServices([LABEL_RUN])).toEqual([]);
  });

  it("up, check and down: down removes the run's services, network and secret", async () => {
    const up = await meshproof("up", "--engine", "swarm", "--nodes", "3");
    expect(up.exitCode, up.stderr).toBe(0);
    const runId = up.stdout.trim().split("\n").pop()!;
    const check = await meshproof("check", "--run", runId);
    expect(check.exitCode, check.stdout).toBe(0);
    const down = await meshproof("down", "--run", runId);
    expect(down.stdout).toContain("removed 3 swarm services");
    expect(down.stdout).toContain("1 networks and 1 secrets");
    expect(await listServices([LABEL_RUN])).toEqual([]);
    expect(await listSecrets([LABEL_RUN])).toEqual([]);
  });
});
