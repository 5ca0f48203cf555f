import { describe, expect, it } from "vitest";
import { reportSchema, type Report } from "../../src/report/report-schema.js";
import { scenarioSchema } from "../../src/scenario/scenario.js";
import { historySeries } from "../../src/report/html/history-series.js";
import { lanesOf } from "../../src/report/html/lanes.js";
import { parseHistory } from "../../src/report/html/parse-history.js";
import { renderHtmlReport } from "../../src/report/html/render-html-report.js";
import { opSchema, type HistoryEvent, type Op } from "../../src/history/events.js";
import type { FaultPlan } from "../../src/faults/index.js";
import { timeStats } from "../../src/run/run-scenario.js";
import { layerSummaries } from "../../src/report/layer-summaries.js";
import type { Layer, LayerOutcome, LayerOutcomes } from "../../src/checks/layer.js";
import { layerOutcomes } from "./layer-outcomes.js";

const nodeNames = (n: number) => Array.from({ length: n }, (_, i) => `app@n${i + 1}`);
const N3 = nodeNames(3);

/** A history written by hand, as the iteration's phases (src/run/phases/) write one: each event checked against the history's schema. */
class HistoryBuilder {
  readonly ops: Op[] = [];

  op(timeMs: number, event: HistoryEvent): this {
    this.ops.push(opSchema.parse({ timeMs, wall: new Date(timeMs).toISOString(), ...event }));
    return this;
  }

  /** One probe round at timeMs: the asked nodes answer 1, 2, 3 ms later, each with its peers (pool: 2 members per node it sees, itself included), or fail. */
  observe(timeMs: number, answers: Record<string, string[] | "fail">): this {
    this.op(timeMs, { process: "probe", type: "invoke", f: "observe", value: { nodes: Object.keys(answers) } });
    Object.entries(answers).forEach(([node, peers], i) => {
      if (peers === "fail") this.op(timeMs + i + 1, { process: node, type: "fail", f: "observe", value: { status: "unreachable", reason: "container not running" } });
      else this.op(timeMs + i + 1, { process: node, type: "ok", f: "observe", value: { peers, pg: { pool: 2 * (peers.length + 1) }, creation: 1 } });
    });
    return this;
  }

  /** Every node of `nodes` sees all the others. */
  fullMesh(timeMs: number, nodes: readonly string[]): this {
    return this.observe(timeMs, Object.fromEntries(nodes.map((node) => [node, nodes.filter((n) => n !== node)])));
  }

  fault(timeMs: number, index: number, kind: string, targets: string[], extra: Partial<FaultPlan> = {}): this {
    return this.op(timeMs, { process: "nemesis", type: "invoke", f: "fault", value: { index, waitBeforeMs: 0, kind, targets, durationMs: 1000, ...extra } as FaultPlan }).op(timeMs + 20, {
      process: "nemesis",
      type: "ok",
      f: "fault",
      value: { index, targets },
    });
  }

  recover(timeMs: number, index: number, kind: string): this {
    return this.op(timeMs, { process: "nemesis", type: "invoke", f: "recover", value: { index, kind } }).op(timeMs + 50, { process: "nemesis", type: "ok", f: "recover", value: { index } });
  }

  detected(timeMs: number, iteration: number, detectMs: number): this {
    return this.op(timeMs, { process: "checker", type: "info", f: "detected", value: { iteration, detectMs } });
  }

  healed(timeMs: number, iteration: number, healMs: number, resolutionMs = 30, layers?: Partial<Record<Layer, number>>): this {
    return this.op(timeMs, { process: "checker", type: "info", f: "healed", value: { iteration, healMs, resolutionMs, ...(layers ? { layers } : {}) } });
  }

  check(timeMs: number, iteration: number, name: string, verdict: "pass" | "fail" | "unknown" = "pass", detail = "ok"): this {
    return this.op(timeMs, { process: "checker", type: "info", f: "check", value: { iteration, name, verdict, detail } });
  }
}

interface IterationFacts {
  index: number;
  fault: Report["iterations"][number]["fault"];
  targets: string[];
  verdict?: Report["verdict"];
  checks?: Report["iterations"][number]["checks"];
  layers?: LayerOutcomes;
}

function reportOf(nodes: readonly string[], iterations: IterationFacts[], checks: Report["checks"] = []): Report {
  const its = iterations.map((it) => ({
    index: it.index,
    fault: it.fault,
    target: it.targets.join(", "),
    targets: it.targets,
    detectMs: it.verdict === "fail" ? null : 40 + it.index,
    healMs: it.verdict === "fail" ? null : 900 + it.index,
    healResolutionMs: it.verdict === "fail" ? null : 30,
    verdict: it.verdict ?? "pass",
    checks: it.checks ?? [{ name: "mesh healed", verdict: "pass" as const, detail: "ok" }],
    layers: it.layers ?? layerOutcomes(),
  }));
  const verdict = [...its, ...checks].some((x) => x.verdict === "fail") ? "fail" : "pass";
  return reportSchema.parse({
    meshproofVersion: "0.1.0",
    runId: "abc12345",
    verdict,
    summary: verdict === "pass" ? "all faults were detected and healed" : "something failed",
    seed: 7,
    reproduce: "meshproof run --seed 7",
    startedAt: "2026-11-28T02:39:11.766Z",
    durationMs: 40_000,
    nodes: nodes.map((name) => ({ name, otpRelease: "25", otpVersion: "25.2.3", kernelVersion: "8.5.3" })),
    scenario: scenarioSchema.parse({ cluster: { nodes: nodes.length } }),
    schedule: iterations.map((it) => ({ index: it.index, kind: it.fault, targets: it.targets, durationMs: 1000, waitBeforeMs: 0 })),
    iterations: its,
    checks,
    layers: layerSummaries(its),
    stats: timeStats(its),
  });
}

/** 3 nodes, app@n3 killed at 100 ms: the others notice, it is left out while down, fails its first probe after the restart, and the mesh heals. */
function killHistory(): HistoryBuilder {
  return new HistoryBuilder()
    .fullMesh(0, N3)
    .fault(100, 1, "kill", ["app@n3"])
    .observe(200, { "app@n1": ["app@n2"], "app@n2": ["app@n1"] })
    .detected(210, 1, 40.4)
    .recover(1100, 1, "kill")
    .observe(1400, { "app@n1": ["app@n2"], "app@n2": ["app@n1"], "app@n3": "fail" })
    .fullMesh(2000, N3)
    .healed(2010, 1, 900.2, 30)
    .check(2020, 1, "mesh healed");
}

describe("historySeries", () => {
  it("steps each node's peer count down at a kill and back up at the heal", () => {
    const series = historySeries(killHistory().ops, reportOf(N3, [{ index: 1, fault: "kill", targets: ["app@n3"] }]));
    expect(series.maxPeers).toBe(2);
    expect(series.endMs).toBe(2020);
    expect(series.peers).toEqual([
      { node: "app@n1", steps: [{ timeMs: 1, value: 2 }, { timeMs: 201, value: 1 }, { timeMs: 2001, value: 2 }] },
      { node: "app@n2", steps: [{ timeMs: 2, value: 2 }, { timeMs: 202, value: 1 }, { timeMs: 2002, value: 2 }] },
      {
        node: "app@n3",
        steps: [
          { timeMs: 3, value: 2 },
          { timeMs: 200, value: "not asked" },
          { timeMs: 1403, value: "no answer" },
          { timeMs: 2003, value: 2 },
        ],
      },
    ]);
  });

  it("shows pg dipping, over the nodes asked, while a node is down, and its expected size", () => {
    const series = historySeries(killHistory().ops, reportOf(N3, [{ index: 1, fault: "kill", targets: ["app@n3"] }]));
    expect(series.pg).toEqual([
      {
        group: "pool",
        expected: 6,
        steps: [
          { timeMs: 1, value: { min: 6, max: 6 } },
          { timeMs: 201, value: { min: 4, max: 6 } },
          { timeMs: 202, value: { min: 4, max: 4 } },
          { timeMs: 2001, value: { min: 4, max: 6 } },
          { timeMs: 2002, value: { min: 6, max: 6 } },
        ],
      },
    ]);
  });

  it("gives each fault its interval: lifted by the harness, ended by the heal when nobody lifts it, or open at the end", () => {
    const history = new HistoryBuilder()
      .fullMesh(0, N3)
      .fault(100, 1, "kill", ["app@n3"])
      .recover(1100, 1, "kill")
      .fault(3000, 2, "crash", ["app@n2"])
      .healed(3900, 2, 700)
      .fault(5000, 3, "partition", ["app@n1"], { shape: "isolate", method: "iptables" })
      .op(9000, { process: "nemesis", type: "invoke", f: "final-heal" })
      .op(9400, { process: "nemesis", type: "ok", f: "final-heal" });
    const series = historySeries(history.ops, reportOf(N3, [{ index: 1, fault: "kill", targets: ["app@n3"] }]));
    expect(series.faults).toEqual([
      { index: 1, kind: "kill", targets: ["app@n3"], label: "#1 kill app@n3", startMs: 100, endMs: 1100, end: "lifted" },
      { index: 2, kind: "crash", targets: ["app@n2"], label: "#2 crash app@n2", startMs: 3000, endMs: 3900, end: "healed" },
      { index: 3, kind: "partition", targets: ["app@n1"], shape: "isolate", label: "#3 partition isolate", startMs: 5000, endMs: 9400, end: "open" },
    ]);
  });

  it("marks where the checker saw each fault detected and healed", () => {
    const series = historySeries(killHistory().ops, reportOf(N3, [{ index: 1, fault: "kill", targets: ["app@n3"] }]));
    expect(series.markers).toEqual([
      { kind: "detected", iteration: 1, timeMs: 210, ms: 40 },
      { kind: "healed", iteration: 1, timeMs: 2010, ms: 900 },
    ]);
    expect(series.failedChecks).toEqual([]);
  });

  it("places a failed check where the checker recorded it, and the run's own failed checks at the verdict", () => {
    const history = killHistory()
      .fault(3000, 2, "pause", ["app@n1"])
      .recover(3200, 2, "pause")
      .check(3500, 2, "healthy before fault: mesh")
      .check(3500, 2, "fault applied", "fail", "not observed while the fault lasted (200 ms)")
      .op(3600, { process: "harness", type: "info", f: "verdict", value: { verdict: "fail", summary: "pause 2 failed" } });
    const report = reportOf(
      N3,
      [
        { index: 1, fault: "kill", targets: ["app@n3"] },
        { index: 2, fault: "pause", targets: ["app@n1"], verdict: "fail", checks: [{ name: "fault applied", verdict: "fail", detail: "not observed while the fault lasted (200 ms)" }] },
      ],
      [{ name: "final heal", verdict: "unknown", detail: "not run: iteration 2 failed" }],
    );
    expect(historySeries(history.ops, report).failedChecks).toEqual([
      { name: "fault applied", verdict: "fail", detail: "not observed while the fault lasted (200 ms)", iteration: 2, timeMs: 3500 },
      { name: "final heal", verdict: "unknown", detail: "not run: iteration 2 failed", iteration: null, timeMs: 3600 },
    ]);
  });
});

describe("historySeries: layers", () => {
  const outcome = (verdict: LayerOutcome["verdict"], detectMs: number | null, healMs: number | null): LayerOutcome => ({ verdict, detectMs, healMs });
  const lane = (series: ReturnType<typeof historySeries>, layer: Layer) => series.layers.find((l) => l.layer === layer)!;

  it("gives every layer a lane, in order, with its verdict over the run and its heal p50", () => {
    const report = reportOf(N3, [{ index: 1, fault: "kill", targets: ["app@n3"] }]);
    const series = historySeries(killHistory().ops, report);
    expect(series.layers.map((l) => [l.layer, l.verdict, l.healP50Ms])).toEqual([
      ["mesh", "pass", 900],
      ["pg", "pass", 930],
      ["global", "pass", 910],
      ["mnesia", "not present", null],
      ["invariants", "not present", null],
    ]);
  });

  it("runs a lifted fault's layer from the fault to its recovery plus the layer's heal time, with the fault showing at the fault plus its detect time", () => {
    const layers = layerOutcomes({ mesh: outcome("pass", 40, 900), pg: outcome("fail", 60, null) });
    const report = reportOf(N3, [{ index: 1, fault: "kill", targets: ["app@n3"], verdict: "fail", layers }]);
    const series = historySeries(killHistory().ops, report);
    // the fault at 100, lifted at 1100, the history ends at 2020
    expect(lane(series, "mesh").stretches).toEqual([{ iteration: 1, verdict: "pass", startMs: 100, endMs: 2000, detectAtMs: 140, healMs: 900 }]);
    expect(lane(series, "pg").stretches).toEqual([{ iteration: 1, verdict: "fail", startMs: 100, endMs: 2020, detectAtMs: 160, healMs: null }]);
  });

  it("ends a layer the fault never showed in, or not judged after it, with the fault, carrying why", () => {
    const reason = "not judged: the harness could not inflict the fault: no such container";
    const layers = layerOutcomes({ global: { verdict: "pass", detectMs: null, healMs: null, unchanged: true }, pg: { verdict: "unknown", detectMs: null, healMs: null, reason } });
    const series = historySeries(killHistory().ops, reportOf(N3, [{ index: 1, fault: "kill", targets: ["app@n3"], layers }]));
    expect(lane(series, "global").stretches).toEqual([{ iteration: 1, verdict: "pass", startMs: 100, endMs: 1100, detectAtMs: null, healMs: null, unchanged: true }]);
    expect(lane(series, "pg").stretches).toEqual([{ iteration: 1, verdict: "unknown", startMs: 100, endMs: 1100, detectAtMs: null, healMs: null, reason }]);
  });

  it("draws a layer not present over the fault's own interval", () => {
    const series = historySeries(killHistory().ops, reportOf(N3, [{ index: 1, fault: "kill", targets: ["app@n3"] }]));
    expect(lane(series, "mnesia").stretches).toEqual([{ iteration: 1, verdict: "not present", startMs: 100, endMs: 1100, detectAtMs: null, healMs: null }]);
  });

  it("counts an unlifted fault's heal from its heal time before the heal, which the checker records once it held for the stable time", () => {
    // a crash at 3000; healed 900 ms after the engine restarted it, recorded at 5200 after holding 1 s: restarted at 3300
    const history = killHistory().fault(3000, 2, "crash", ["app@n2"]).healed(5200, 2, 900, 30, { mesh: 800, pg: 900, global: 850 }).check(5300, 2, "mesh healed");
    const report = reportOf(N3, [
      { index: 1, fault: "kill", targets: ["app@n3"] },
      { index: 2, fault: "crash", targets: ["app@n2"], layers: layerOutcomes({ mesh: outcome("pass", 30, 800) }) },
    ]);
    expect(report.scenario.deadlines.stable).toBe(1_000);
    expect(lane(historySeries(history.ops, report), "mesh").stretches[1]).toEqual({ iteration: 2, verdict: "pass", startMs: 3000, endMs: 4100, detectAtMs: 3030, healMs: 800 });
  });

  it("counts from the fault when nothing says when it was recovered from, and ends a heal past the history's end there", () => {
    const history = new HistoryBuilder().fullMesh(0, N3).fault(100, 1, "crash", ["app@n3"]).observe(5000, { "app@n1": ["app@n2"], "app@n2": ["app@n1"] });
    const layers = layerOutcomes({ mesh: outcome("pass", 30, 2_000), pg: outcome("unknown", null, 9_000) });
    const series = historySeries(history.ops, reportOf(N3, [{ index: 1, fault: "crash", targets: ["app@n3"], verdict: "unknown", layers }]));
    expect(lane(series, "mesh").stretches[0]).toMatchObject({ startMs: 100, endMs: 2_100 });
    expect(lane(series, "pg").stretches[0]).toMatchObject({ startMs: 100, endMs: 5_002, verdict: "unknown" });
  });

  it("leaves out an iteration whose fault the history does not hold", () => {
    const series = historySeries(new HistoryBuilder().fullMesh(0, N3).ops, reportOf(N3, [{ index: 1, fault: "kill", targets: ["app@n3"] }]));
    expect(series.layers.every((l) => l.stretches.length === 0)).toBe(true);
  });
});

describe("lanesOf", () => {
  it("gives each node its own lane up to 12 nodes", () => {
    const series = historySeries(new HistoryBuilder().fullMesh(0, nodeNames(12)).ops, reportOf(nodeNames(12), []));
    expect(lanesOf(series.peers).map((lane) => lane.nodes)).toEqual(nodeNames(12).map((node) => [node]));
  });

  it("shares lanes above 12 nodes: lowest and median peer count of the answering nodes, and how many did not answer", () => {
    const nodes = nodeNames(50);
    const history = new HistoryBuilder()
      .fullMesh(0, nodes)
      .fault(100, 1, "kill", ["app@n2"])
      .observe(200, { ...Object.fromEntries(nodes.filter((n) => n !== "app@n2").map((n) => [n, nodes.filter((p) => p !== n && p !== "app@n2")])), "app@n3": "fail" });
    const lanes = lanesOf(historySeries(history.ops, reportOf(nodes, [])).peers);
    expect(lanes).toHaveLength(10);
    expect(lanes[0]!.label).toBe("app@n1 – app@n5");
    expect(lanes.flatMap((lane) => lane.nodes)).toEqual(nodes);
    expect(lanes[0]!.steps.at(-1)!.value).toEqual({ min: 48, median: 48, silent: 1 });
    expect(lanes[1]!.steps.at(-1)!.value).toEqual({ min: 48, median: 48, silent: 0 });
  });
});

describe("parseHistory", () => {
  it("reads history.ndjson and names a line that is not an operation", () => {
    const lines = killHistory().ops.map((op) => JSON.stringify(op));
    expect(parseHistory(`${lines.join("\n")}\n`)).toHaveLength(lines.length);
    expect(() => parseHistory(`${lines[0]}\n{"timeMs":"soon"}\n`)).toThrow(/^line 2: not an operation: timeMs/);
    expect(() => parseHistory(`${lines[0]}\n{"timeMs":1,\n`)).toThrow("line 2: not JSON");
  });
});

/** A run of `faults` kills in turn, each detected and healed; the last one's heal check fails if asked to. */
function syntheticRun(nodes: readonly string[], faults: number, lastFails = false): { history: Op[]; report: Report } {
  const b = new HistoryBuilder().fullMesh(0, nodes);
  const iterations: IterationFacts[] = [];
  for (let index = 1; index <= faults; index++) {
    const t = index * 3000;
    const target = nodes[index % nodes.length]!;
    const survivors = nodes.filter((n) => n !== target);
    const fails = lastFails && index === faults;
    b.fault(t, index, "kill", [target])
      .observe(t + 100, Object.fromEntries(survivors.map((n) => [n, survivors.filter((p) => p !== n)])))
      .detected(t + 150, index, 40)
      .recover(t + 1000, index, "kill")
      .fullMesh(t + 2000, nodes);
    if (!fails) b.healed(t + 2100, index, 1000);
    b.check(t + 2200, index, "mesh healed", fails ? "fail" : "pass", fails ? "not healed by itself within 8 s: app@n1 misses app@n2" : "ok");
    iterations.push({ index, fault: "kill", targets: [target], ...(fails ? { verdict: "fail" as const, checks: [{ name: "mesh healed", verdict: "fail" as const, detail: "not healed" }] } : {}) });
  }
  return { history: b.ops, report: reportOf(nodes, iterations) };
}

describe("renderHtmlReport", () => {
  const attribute = (html: string, name: string) => [...html.matchAll(new RegExp(`${name}="([^"]*)"`, "g"))].map((m) => m[1]!);

  it("draws one lane per node for 5 nodes, one shaded region per fault, and a marker per failed check; names the nodes with their OTP and kernel versions", () => {
    const { history, report } = syntheticRun(nodeNames(5), 4, true);
    const html = renderHtmlReport(report, historySeries(history, report));
    expect(attribute(html, "data-lane")).toEqual(nodeNames(5));
    expect(attribute(html, "data-lane-group")).toEqual([]);
    expect(attribute(html, "data-fault")).toEqual(["1", "2", "3", "4"]);
    expect(attribute(html, "data-failed-check")).toEqual(["mesh healed"]);
    expect(html).toContain("meshproof run --seed 7");
    expect(html).toContain("5 nodes, all on OTP 25.2.3, kernel 8.5.3: app@n1, app@n2, app@n3, app@n4, app@n5");
    expect(html).toContain("<dt>distribution</dt><dd>tcp</dd>");
  });

  it("lists the hosts and their nodes where the report names hosts (a multi-host swarm), and no hosts line where it does not", () => {
    const { history, report } = syntheticRun(nodeNames(3), 1, false);
    const hosted = { ...report, nodes: report.nodes.map((n, i) => ({ ...n, host: i === 2 ? "mh-host-2" : "mh-host-1" })) };
    expect(renderHtmlReport(hosted, historySeries(history, hosted))).toContain("<dt>hosts</dt><dd>mh-host-1: app@n1, app@n2; mh-host-2: app@n3</dd>");
    expect(renderHtmlReport(report, historySeries(history, report))).not.toContain("<dt>hosts</dt>");
  });

  it("draws a lane per layer, a bar per iteration in it coloured by the layer's verdict, hatched where not present", () => {
    const { history, report } = syntheticRun(nodeNames(5), 3, true);
    report.iterations[2]!.layers = layerOutcomes({ pg: { verdict: "fail", detectMs: 40, healMs: null } });
    const html = renderHtmlReport(report, historySeries(history, report));
    const section = html.slice(html.indexOf(`<section id="layers">`), html.indexOf("</section>", html.indexOf(`<section id="layers">`)));
    expect(attribute(section, "data-layer")).toEqual(["mesh", "pg", "global", "mnesia", "invariants"]);
    expect(attribute(section, "data-iteration")).toEqual(["1", "2", "3", "1", "2", "3", "1", "2", "3", "1", "2", "3", "1", "2", "3"]);
    expect(section).toContain(`<g class="layer-stretch fail open" data-iteration="3" data-verdict="fail">`);
    expect(section.match(/class="layer-stretch not-present"/g)).toHaveLength(6);
    expect(section.match(/class="layer-heal"/g)).toHaveLength(8);
    expect(section).toContain("#3 pg fail: the fault showed in it after 40 ms; it did not converge while the history lasted");
    expect(section).toContain("#1 mnesia: not present");
    report.iterations[1]!.layers = layerOutcomes({
      mesh: { verdict: "pass", detectMs: 30, healMs: 900, healResolutionMs: 25 },
      pg: { verdict: "unknown", detectMs: null, healMs: null, reason: "not judged: the harness could not lift the fault: engine said no" },
      global: { verdict: "pass", detectMs: null, healMs: null, unchanged: true },
    });
    const titled = renderHtmlReport(report, historySeries(history, report));
    expect(titled).toContain("#2 mesh pass: the fault showed in it after 30 ms; it converged 900 ms (±25 ms) after the recovery");
    expect(titled).toContain("#2 pg unknown: not judged: the harness could not lift the fault: engine said no");
    expect(titled).toContain("#2 global pass: the fault never showed in it; it held from the first look after the recovery");
    expect(section).toContain(`<pattern id="not-present"`);
  });

  it("aggregates 50 nodes into shared lanes that still name every node", () => {
    const { history, report } = syntheticRun(nodeNames(50), 30);
    const html = renderHtmlReport(report, historySeries(history, report));
    expect(attribute(html, "data-lane")).toEqual([]);
    expect(attribute(html, "data-lane-group")).toHaveLength(10);
    expect(attribute(html, "data-nodes").flatMap((list) => list.split(" "))).toEqual(nodeNames(50));
    expect(attribute(html, "data-fault")).toHaveLength(30);
  });

  it("is self-contained: no address, no script, nothing to load", () => {
    const { history, report } = syntheticRun(nodeNames(50), 30, true);
    const html = renderHtmlReport(report, historySeries(history, report));
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|\bsrc=|\bhref=/i);
    expect([...html.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1])).toEqual(expect.arrayContaining(["#silent"]));
    expect([...html.matchAll(/url\(([^)]*)\)/g)].every((m) => m[1]!.startsWith("#"))).toBe(true);
  });

  it("escapes what a check's detail quotes", () => {
    const { history, report } = syntheticRun(nodeNames(3), 1);
    report.iterations[0]!.checks = [{ name: "mesh healed", verdict: "fail", detail: `<img src=x onerror="alert(1)">` }];
    report.iterations[0]!.verdict = "fail";
    const html = renderHtmlReport(report, historySeries(history, report));
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).not.toContain("<img");
  });
});
