import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { create } from "xmlbuilder2";
import { LAYERS, NOT_PRESENT, type LayerOutcome, type LayerVerdict } from "../checks/layer.js";
import type { Report } from "./report-schema.js";

interface TestCase {
  classname: string;
  name: string;
  verdict: LayerVerdict;
  detail: string;
}

/**
 * DIR/junit.xml for CI systems: one testcase per iteration and check, one per
 * iteration and layer ("layer mesh"), plus the run's own checks. fail ->
 * <failure>, unknown -> <error>, a layer not present -> <skipped>.
 */
export function junitXml(report: Report): string {
  const cases: TestCase[] = [
    ...report.iterations.flatMap((it) => {
      const classname = `meshproof.${String(it.index).padStart(3, "0")} ${it.fault} ${it.target}`;
      return [
        ...it.checks.map((check) => ({ classname, ...check })),
        ...LAYERS.map((layer) => ({ classname, name: `layer ${layer}`, verdict: it.layers[layer].verdict, detail: layerDetail(it.layers[layer]) })),
      ];
    }),
    ...report.checks.map((check) => ({ classname: "meshproof.run", ...check })),
  ];
  const count = (verdict: LayerVerdict) => cases.filter((c) => c.verdict === verdict).length;
  const counts = { tests: cases.length, failures: count("fail"), errors: count("unknown"), skipped: count(NOT_PRESENT) };
  // a detail may quote a container's stderr: characters XML cannot hold are replaced, not written raw
  const root = create({ invalidCharReplacement: "\uFFFD" }).dec({ version: "1.0", encoding: "UTF-8" }).ele("testsuites", { name: "meshproof", ...counts });
  const suite = root.ele("testsuite", {
    name: `meshproof run ${report.runId} (seed ${report.seed})`,
    ...counts,
    time: (report.durationMs / 1000).toFixed(3),
    timestamp: report.startedAt,
  });
  const properties = suite.ele("properties");
  for (const [name, value] of [["seed", String(report.seed)], ["verdict", report.verdict], ["reproduce", report.reproduce]]) {
    properties.ele("property", { name, value });
  }
  for (const { classname, name, verdict, detail } of cases) {
    const testcase = suite.ele("testcase", { classname, name });
    if (verdict === "fail") testcase.ele("failure", { message: detail }).txt(detail);
    if (verdict === "unknown") testcase.ele("error", { message: detail }).txt(detail);
    if (verdict === NOT_PRESENT) testcase.ele("skipped", { message: NOT_PRESENT });
  }
  return root.end({ prettyPrint: true });
}

/** A layer has no detail of its own: its times say what it did, or its reason why it was not judged. */
function layerDetail({ detectMs, healMs, healResolutionMs, unchanged, reason }: LayerOutcome): string {
  if (reason) return reason;
  const detect = detectMs === null ? "the fault never showed in it" : `the fault showed in it after ${detectMs} ms`;
  if (unchanged) return `${detect}; it held from the first look after the recovery`;
  const resolution = healResolutionMs === undefined ? "" : ` (±${healResolutionMs} ms)`;
  const heal = healMs === null ? "it did not converge" : `it converged ${healMs} ms${resolution} after the recovery`;
  return `${detect}; ${heal}`;
}

export async function writeJunit(dir: string, report: Report): Promise<string> {
  const path = join(dir, "junit.xml");
  await writeFile(path, junitXml(report));
  return path;
}
