import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nodeNames } from "../../src/cluster/cluster-node.js";
import { readReport } from "../../src/report/read-report.js";
import { writeHtmlReport } from "../../src/report/html/write-html-report.js";
import { planFaults } from "../../src/run/plan-schedule.js";
import { readScenarioFile, resolveScenario } from "../../src/scenario/load-scenario.js";
import { scenarioSchema } from "../../src/scenario/scenario.js";
import { FAULT_DURATION_FIELDS, storedScenarioSchema } from "../../src/scenario/stored-scenario.js";
import { FAULT_KINDS, faultSpecSchema, specFieldsOf } from "../../src/faults/index.js";
import { reproScenario } from "../../src/shrink/repro-scenario.js";
import { usageError } from "./usage-error.js";

/*
 * What meshproof wrote before durations needed units still loads: report.json
 * (written by meshproof at 5fbfe17, a scenario with every duration field) and
 * a repro scenario.yaml of `meshproof shrink` (bare numbers of ms).
 */
const FIXTURES = join(import.meta.dirname, "fixtures", "before-units");
const noFlags = () => undefined;

describe("a report.json of before durations needed units", () => {
  it("loads as replay and shrink read it, every stored duration the same number of ms", async () => {
    const path = join(FIXTURES, "report.json");
    const stored = JSON.parse(await readFile(path, "utf8")) as { scenario: unknown };
    const report = await readReport(path);
    expect(report.scenario).toEqual(stored.scenario);
    expect(report.scenario).toMatchObject({
      cluster: { readyDeadline: 90_000, probeTimeout: 8_000 },
      interval: 250,
      recoveryWindow: 20_000,
      deadlines: { detect: 12_000, heal: 25_000, stable: 750 },
      budget: { healP95: { kill: 5_000, partition: 20_000 } },
    });
    expect(report.scenario.faults[2]).toMatchObject({ kind: "stop", downtime: 1_000, grace: 3_000 });
    expect(report.scenario.faults[6]).toMatchObject({ kind: "delay", delay: 150, duration: 3_000 });
    expect(report.schedule).toHaveLength(14);
  });

  it("is rendered by `meshproof report`", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-stored-"));
    await copyFile(join(FIXTURES, "report.json"), join(dir, "report.json"));
    await writeFile(join(dir, "history.ndjson"), "");
    expect(await readFile(await writeHtmlReport(dir), "utf8")).toContain("f1x7u2e0");
  });

  it("knows every fault field that holds a duration, so that none is read back as a bare number", () => {
    const durationFields = FAULT_KINDS.flatMap((kind) =>
      specFieldsOf(kind).filter((field) => (faultSpecSchema.safeParse({ kind, [field]: "1s" }).data as Record<string, unknown> | undefined)?.[field] === 1_000),
    );
    expect(new Set(durationFields)).toEqual(new Set(FAULT_DURATION_FIELDS));
  });

  it("keeps one heal budget for every kind as a number of ms too", () => {
    const scenario = scenarioSchema.parse({ budget: { healP95: "12s" } });
    expect(storedScenarioSchema.parse(scenario)).toEqual(scenario);
  });

  it("is still judged: a stored duration beyond a Node timer is refused at its path", () => {
    const scenario = scenarioSchema.parse({});
    const issue = storedScenarioSchema.safeParse({ ...scenario, recoveryWindow: 2 ** 31 }).error?.issues[0];
    expect(issue).toMatchObject({ path: ["recoveryWindow"], message: "2147483648ms is longer than a Node timer holds (2147483647 ms, about 24.8 days): it would fire at once" });
  });
});

describe("a repro scenario.yaml of `meshproof shrink`", () => {
  it("of before durations needed units (known by its first line) runs with its numbers as ms", async () => {
    const path = join(FIXTURES, "repro-scenario.yaml");
    const scenario = resolveScenario({ path, data: await readScenarioFile(path) }, {}, noFlags);
    expect(scenario).toMatchObject({
      cluster: { nodes: 2, readyDeadline: 60_000, probeTimeout: 10_000 },
      interval: 0,
      recoveryWindow: 10_000,
      deadlines: { detect: 15_000, heal: 6_000, stable: 500 },
    });
    expect(scenario.faults).toEqual([
      { kind: "kill", target: { nodes: ["app@n2"] }, downtime: 0 },
      { kind: "kill", target: { nodes: ["app@n2"] }, downtime: 0 },
    ]);
  });

  it("without that first line is a person's file: its bare numbers are refused, each at its path", async () => {
    const text = (await readFile(join(FIXTURES, "repro-scenario.yaml"), "utf8")).split("\n").slice(1).join("\n");
    const dir = await mkdtemp(join(tmpdir(), "meshproof-stored-"));
    const path = join(dir, "scenario.yaml");
    await writeFile(path, text);
    const data = await readScenarioFile(path);
    const message = usageError(() => resolveScenario({ path, data }, {}, noFlags)).message;
    expect(message).toContain(`${path}: cluster.readyDeadline: "60000" has no unit: a duration needs one, e.g. 1s or 500ms`);
    expect(message).toContain(`${path}: faults.0.downtime: "0" has no unit`);
    expect(message).toContain(`${path}: deadlines.stable: "500" has no unit`);
  });

  it("written from now on carries units, and plans the same faults again", () => {
    const run = scenarioSchema.parse({
      cluster: { nodes: 3, netTicktime: 2, readyDeadline: "90s" },
      faults: [{ kind: "stop", downtime: "1500ms", grace: "2s" }, { kind: "delay", delay: "150ms", duration: "3s" }],
      order: "cycle",
      count: 2,
      interval: "250ms",
      deadlines: { stable: "750ms" },
      budget: { healP95: { stop: "5s" } },
    });
    const schedule = planFaults(run, nodeNames(3), 5);
    const repro = reproScenario(run, 5, { nodes: 3, schedule }, "shrunk");
    expect(repro.input).toMatchObject({
      cluster: { readyDeadline: "90s", probeTimeout: "10s" },
      interval: "250ms",
      recoveryWindow: "30s",
      deadlines: { detect: "15s", heal: "30s", stable: "750ms" },
      budget: { healP95: { stop: "5s" } },
    });
    expect(repro.input.faults).toMatchObject([
      { kind: "stop", downtime: "1500ms", grace: "2s" },
      { kind: "delay", delay: "150ms", duration: "3s" },
    ]);
    expect(repro.inexact).toEqual([]);
  });
});
