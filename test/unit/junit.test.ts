import { describe, it, expect } from "vitest";
import { create } from "xmlbuilder2";
import type { CheckResult } from "../../src/checks/verdict.js";
import { reportSchema, type Report } from "../../src/report/report-schema.js";
import { scenarioSchema } from "../../src/scenario/scenario.js";
import { buildReport } from "../../src/report/build-report.js";
import { junitXml } from "../../src/report/junit.js";
import type { IterationResult } from "../../src/report/run-result.js";
import { planFaults } from "../../src/run/plan-schedule.js";
import { layerOutcomes } from "./layer-outcomes.js";

const NODES = ["app@n1", "app@n2", "app@n3"];
const SEED = 77;
const NASTY = `app@n1 sees <app@n9> & "friends" 'quoted' ]]> done`;

const check = (name: string, verdict: CheckResult["verdict"], detail = "ok"): CheckResult => ({ name, verdict, detail });

/**
 * Two kills: the first passed (3 checks), the second failed one check with a
 * detail full of XML's special characters and could not judge another (4
 * checks); then two run-level checks, one unknown. Each has five layers:
 * mesh, pg and global passed in the first; mesh failed and pg unknown in the
 * second; Mnesia and invariants not present in either.
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
      layers: layerOutcomes(),
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
      layers: layerOutcomes({ mesh: { verdict: "fail", detectMs: 800, healMs: null }, pg: { verdict: "unknown", detectMs: null, healMs: null } }),
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

const LAYER_CASES = ["layer mesh", "layer pg", "layer global", "layer mnesia", "layer invariants"];

/** Each testcase's failure, error and skipped elements, by its position. */
const outcomes = (cases: Element[], i: number) => ({
  failures: elements(cases[i]!, "failure").length,
  errors: elements(cases[i]!, "error").length,
  skipped: elements(cases[i]!, "skipped").length,
});

describe("junitXml", () => {
  it("builds from a report that satisfies the published schema (test setup)", () => {
    expect(reportSchema.safeParse(report()).success).toBe(true);
  });

  it("writes one testsuites root with one testsuite", () => {
    const root = parse(junitXml(report()));
    expect((root as unknown as { nodeName: string }).nodeName).toBe("testsuites");
    expect(elements(root, "testsuite")).toHaveLength(1);
  });

  it("writes per iteration one testcase per check and one per layer, then one per run-level check", () => {
    const r = report();
    const cases = elements(parse(junitXml(r)), "testcase");
    expect(cases).toHaveLength(3 + 5 + 4 + 5 + 2);
    expect(cases.map((c) => attr(c, "name"))).toEqual([
      "fault applied",
      "mesh healed",
      "no cascade",
      ...LAYER_CASES,
      "fault applied",
      "mesh healed",
      "reachability",
      "no cascade",
      ...LAYER_CASES,
      "final heal",
      "heal p95 budget",
    ]);
    const classes = cases.map((c) => attr(c, "classname"));
    expect(classes.slice(0, 8)).toEqual(Array(8).fill(`meshproof.001 kill ${r.iterations[0]!.target}`));
    expect(classes.slice(8, 17)).toEqual(Array(9).fill(`meshproof.002 kill ${r.iterations[1]!.target}`));
    expect(classes.slice(17)).toEqual(["meshproof.run", "meshproof.run"]);
  });

  it("gives a failed check a failure element, an unknown one an error element, a passed one none", () => {
    const cases = elements(parse(junitXml(report())), "testcase");
    expect(outcomes(cases, 0)).toEqual({ failures: 0, errors: 0, skipped: 0 });
    expect(outcomes(cases, 9)).toEqual({ failures: 1, errors: 0, skipped: 0 });
    expect(outcomes(cases, 10)).toEqual({ failures: 0, errors: 1, skipped: 0 });
    expect(outcomes(cases, 17)).toEqual({ failures: 0, errors: 1, skipped: 0 });
    expect(outcomes(cases, 18)).toEqual({ failures: 0, errors: 0, skipped: 0 });
  });

  it("fails a failed layer, errs an unknown one, skips one not present, and passes the rest", () => {
    const cases = elements(parse(junitXml(report())), "testcase");
    const [first, second] = [cases.slice(3, 8), cases.slice(12, 17)];
    const none = { failures: 0, errors: 0, skipped: 0 };
    const skipped = { ...none, skipped: 1 };
    expect(first.map((_, i) => outcomes(first, i))).toEqual([none, none, none, skipped, skipped]);
    expect(second.map((_, i) => outcomes(second, i))).toEqual([{ ...none, failures: 1 }, { ...none, errors: 1 }, none, skipped, skipped]);
    expect(attr(elements(second[3]!, "skipped")[0]!, "message")).toBe("not present");
  });

  it("says in a layer's failure and error when the fault showed in it and whether it converged", () => {
    const cases = elements(parse(junitXml(report())), "testcase");
    const failure = elements(cases[12]!, "failure")[0]!;
    expect(attr(failure, "message")).toBe("the fault showed in it after 800 ms; it did not converge");
    expect(failure.textContent).toBe("the fault showed in it after 800 ms; it did not converge");
    expect(attr(elements(cases[13]!, "error")[0]!, "message")).toBe("the fault never showed in it; it did not converge");
  });

  it("errs a layer not judged after the fault with its reason, and says a heal time's resolution", () => {
    const r = report();
    const reason = "not judged: the harness could not inflict the fault: no such container";
    r.iterations[1]!.layers = layerOutcomes({
      mesh: { verdict: "unknown", detectMs: null, healMs: null, reason },
      pg: { verdict: "fail", detectMs: 40, healMs: 2_000, healResolutionMs: 30 },
    });
    const cases = elements(parse(junitXml(r)), "testcase");
    expect(attr(elements(cases[12]!, "error")[0]!, "message")).toBe(reason);
    expect(attr(elements(cases[13]!, "failure")[0]!, "message")).toBe("the fault showed in it after 40 ms; it converged 2000 ms (±30 ms) after the recovery");
  });

  it("counts tests, failures, errors and skipped on the testsuites and the testsuite", () => {
    const root = parse(junitXml(report()));
    const suite = elements(root, "testsuite")[0]!;
    for (const element of [root, suite]) {
      expect(attr(element, "tests")).toBe("19");
      expect(attr(element, "failures")).toBe("2");
      expect(attr(element, "errors")).toBe("3");
      expect(attr(element, "skipped")).toBe("4");
    }
    expect(elements(root, "failure")).toHaveLength(2);
    expect(elements(root, "error")).toHaveLength(3);
    expect(elements(root, "skipped")).toHaveLength(4);
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
