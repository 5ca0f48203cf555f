import { describe, it, expect } from "vitest";
import { create } from "xmlbuilder2";
import type { CheckResult } from "../../src/checks/verdict.js";
import { reportSchema, type Report } from "../../src/report/report-schema.js";
import { scenarioSchema } from "../../src/scenario/scenario.js";
import { buildReport } from "../../src/report/build-report.js";
import { junitXml } from "../../src/report/junit.js";
import type { IterationResult } from "../../src/report/run-result.js";
import { planFaults } from "../../src/run/plan-schedule.js";

const NODES = ["app@n1", "app@n2", "app@n3"];
const SEED = 77;
const NASTY = `app@n1 sees <app@n9> & "friends" 'quoted' ]]> done`;

const check = (name: string, verdict: CheckResult["verdict"], detail = "ok"): CheckResult => ({ name, verdict, detail });

/**
 * Two kills: the first passed (3 checks), the second failed one check with a
 * detail full of XML's special characters and could not judge another (4
 * checks); then two run-level checks, one unknown.
 */
function report(): Report {
  const scenario = scenarioSchema.parse({ cluster: { nodes: 3 }, count: 2 });
  const schedule = planFaults(scenario, NODES, SEED);
  const iterations: IterationResult[] = [
    {
      index: 1,
      fault: "kill",
      targets: schedule[0]!.targets,
      detectMs: 900,
      healMs: 1_500,
      healResolutionMs: 25,
      verdict: "pass",
      checks: [check("fault applied", "pass"), check("mesh healed", "pass"), check("no cascade", "pass")],
    },
    {
      index: 2,
      fault: "kill",
      targets: schedule[1]!.targets,
      detectMs: 800,
      healMs: null,
      healResolutionMs: null,
      verdict: "fail",
      checks: [check("fault applied", "pass"), check("mesh healed", "fail", NASTY), check("reachability", "unknown", "not run: the mesh did not heal"), check("no cascade", "pass")],
    },
  ];
  return buildReport({
    runId: "run-xyz",
    seed: SEED,
    scenario,
    schedule,
    reproduce: `meshproof run --nodes 3 --kills 2 --seed ${SEED}`,
    startedAt: new Date("2025-03-04T05:06:07.000Z"),
    durationMs: 4_321,
    observations: [],
    nodes: NODES,
    result: {
      iterations,
      checks: [check("final heal", "unknown", "not run: iteration 2 failed"), check("heal p95 budget", "pass", "p95 1500 ms <= budget 5000 ms (n=1)")],
      stats: { overall: { detect: null, heal: null, healResolution: null }, byFault: {} },
      verdict: "fail",
    },
  });
}

interface Element {
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<Element>;
  textContent: string | null;
}

/** The XML parsed back into a DOM (which decodes every entity). */
function parse(xml: string): Element {
  return create(xml).root().node as unknown as Element;
}

function elements(parent: Element, tag: string): Element[] {
  return Array.from(parent.getElementsByTagName(tag));
}

function attr(element: Element, name: string): string {
  const value = element.getAttribute(name);
  if (value === null) throw new Error(`no attribute ${name}`);
  return value;
}

describe("junitXml", () => {
  it("builds from a report that satisfies the published schema (test setup)", () => {
    expect(reportSchema.safeParse(report()).success).toBe(true);
  });

  it("writes one testsuites root with one testsuite", () => {
    const root = parse(junitXml(report()));
    expect((root as unknown as { nodeName: string }).nodeName).toBe("testsuites");
    expect(elements(root, "testsuite")).toHaveLength(1);
  });

  it("writes one testcase per iteration check, then one per run-level check", () => {
    const r = report();
    const cases = elements(parse(junitXml(r)), "testcase");
    expect(cases).toHaveLength(3 + 4 + 2);
    expect(cases.map((c) => attr(c, "name"))).toEqual([
      "fault applied",
      "mesh healed",
      "no cascade",
      "fault applied",
      "mesh healed",
      "reachability",
      "no cascade",
      "final heal",
      "heal p95 budget",
    ]);
    const classes = cases.map((c) => attr(c, "classname"));
    expect(classes.slice(0, 3)).toEqual(Array(3).fill(`meshproof.001 kill ${r.iterations[0]!.target}`));
    expect(classes.slice(3, 7)).toEqual(Array(4).fill(`meshproof.002 kill ${r.iterations[1]!.target}`));
    expect(classes.slice(7)).toEqual(["meshproof.run", "meshproof.run"]);
  });

  it("gives a failed check a failure element, an unknown one an error element, a passed one neither", () => {
    const cases = elements(parse(junitXml(report())), "testcase");
    const byKey = (i: number) => ({ failures: elements(cases[i]!, "failure").length, errors: elements(cases[i]!, "error").length });
    expect(byKey(0)).toEqual({ failures: 0, errors: 0 });
    expect(byKey(4)).toEqual({ failures: 1, errors: 0 });
    expect(byKey(5)).toEqual({ failures: 0, errors: 1 });
    expect(byKey(7)).toEqual({ failures: 0, errors: 1 });
    expect(byKey(8)).toEqual({ failures: 0, errors: 0 });
    const root = parse(junitXml(report()));
    expect(elements(root, "failure")).toHaveLength(1);
    expect(elements(root, "error")).toHaveLength(2);
  });

  it("counts tests, failures and errors on the testsuites and the testsuite", () => {
    const root = parse(junitXml(report()));
    const suite = elements(root, "testsuite")[0]!;
    for (const element of [root, suite]) {
      expect(attr(element, "tests")).toBe("9");
      expect(attr(element, "failures")).toBe("1");
      expect(attr(element, "errors")).toBe("2");
    }
  });

  it("names the suite by run and seed, with its time in seconds and its start", () => {
    const suite = elements(parse(junitXml(report())), "testsuite")[0]!;
    expect(attr(suite, "name")).toBe(`meshproof run run-xyz (seed ${SEED})`);
    expect(attr(suite, "time")).toBe("4.321");
    expect(attr(suite, "timestamp")).toBe("2025-03-04T05:06:07.000Z");
  });

  it("keeps seed, verdict and reproduce as properties", () => {
    const properties = elements(parse(junitXml(report())), "property");
    expect(Object.fromEntries(properties.map((p) => [attr(p, "name"), attr(p, "value")]))).toEqual({
      seed: String(SEED),
      verdict: "fail",
      reproduce: `meshproof run --nodes 3 --kills 2 --seed ${SEED}`,
    });
  });

  it("escapes < & \" in a detail, which reads back unchanged in message and text", () => {
    const xml = junitXml(report());
    expect(xml).not.toContain("<app@n9>");
    expect(xml).toContain("&lt;app@n9&gt;");
    expect(xml).toContain("&amp;");
    const failure = elements(parse(xml), "failure")[0]!;
    expect(attr(failure, "message")).toBe(NASTY);
    expect(failure.textContent).toBe(NASTY);
  });

  it("replaces characters XML cannot hold (a terminal escape from a container's stderr)", () => {
    const withEscape = report();
    withEscape.iterations[1]!.checks[1]!.detail = "probe exited 1: \u001b[31mboom\u001b[0m";
    const xml = junitXml(withEscape);
    expect(xml).not.toContain("\u001b");
    expect(xml).toContain("\uFFFD[31mboom");
  });

  it("writes a valid suite for a run without iterations or checks", () => {
    const empty: Report = { ...report(), iterations: [], checks: [] };
    const root = parse(junitXml(empty));
    expect(elements(root, "testcase")).toHaveLength(0);
    expect(attr(root, "tests")).toBe("0");
  });
});
