import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { create } from "xmlbuilder2";
import { describe, expect, it } from "vitest";
import { LAYERS } from "../../src/checks/layer.js";
import { parseHistory } from "../../src/report/html/parse-history.js";
import { runInto } from "./example-scenario.js";

/* What a run writes besides report.json (junit.xml, history.ndjson), and replay of its report. */

describe("reports of a run", () => {
  it("junit.xml has one testcase per iteration and check (and layer), history.ndjson every fault, and replay repeats the schedule", async () => {
    const first = await runInto("run", "--nodes", "3", "--faults", "kill,crash,stop", "--count", "3", "--seed", "11", "--net-ticktime", "3");
    expect(first.exitCode, first.stderr).toBe(0);

    const junit = create(await readFile(join(first.dir, "junit.xml"), "utf8")).end({ format: "object" }) as {
      testsuites: { testsuite: { testcase: { "@classname": string; "@name": string }[] } };
    };
    const cases = junit.testsuites.testsuite.testcase;
    // per iteration: each check, and each layer
    const expected = first.report.iterations.reduce((n, it) => n + it.checks.length + LAYERS.length, 0) + first.report.checks.length;
    expect(cases).toHaveLength(expected);
    expect(cases.filter((c) => c["@classname"].startsWith("meshproof.001 "))).toHaveLength(first.report.iterations[0]!.checks.length + LAYERS.length);

    const history = parseHistory(await readFile(join(first.dir, "history.ndjson"), "utf8"));
    const invoked = history.flatMap((op) => (op.process === "nemesis" && op.type === "invoke" && op.f === "fault" ? [op.value] : []));
    expect(invoked.map((plan) => plan.kind)).toEqual(first.report.schedule.map((s) => s.kind));

    const replay = await runInto("replay", join(first.dir, "report.json"));
    expect(replay.exitCode, replay.stderr).toBe(0);
    expect(replay.report.seed).toBe(11);
    expect(replay.report.schedule).toEqual(first.report.schedule);
    expect(replay.report.reproduce).toBe(`meshproof replay ${join(first.dir, "report.json")}`);
  });
});
