import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { create } from "xmlbuilder2";
import type { CheckResult } from "../checks/verdict.js";
import type { Report } from "./report-schema.js";

/**
 * DIR/junit.xml for CI systems: one testcase per iteration and check, plus
 * the run's own checks. fail -> <failure>, unknown -> <error>.
 */
export function junitXml(report: Report): string {
  const cases = [
    ...report.iterations.flatMap((it) =>
      it.checks.map((check) => ({ classname: `meshproof.${String(it.index).padStart(3, "0")} ${it.fault} ${it.target}`, check })),
    ),
    ...report.checks.map((check) => ({ classname: "meshproof.run", check })),
  ];
  const count = (verdict: CheckResult["verdict"]) => cases.filter((c) => c.check.verdict === verdict).length;
  // a detail may quote a container's stderr: characters XML cannot hold are replaced, not written raw
  const root = create({ invalidCharReplacement: "\uFFFD" }).dec({ version: "1.0", encoding: "UTF-8" }).ele("testsuites", { name: "meshproof", tests: cases.length, failures: count("fail"), errors: count("unknown") });
  const suite = root.ele("testsuite", {
    name: `meshproof run ${report.runId} (seed ${report.seed})`,
    tests: cases.length,
    failures: count("fail"),
    errors: count("unknown"),
    time: (report.durationMs / 1000).toFixed(3),
    timestamp: report.startedAt,
  });
  const properties = suite.ele("properties");
  for (const [name, value] of [["seed", String(report.seed)], ["verdict", report.verdict], ["reproduce", report.reproduce]]) {
    properties.ele("property", { name, value });
  }
  for (const { classname, check } of cases) {
    const testcase = suite.ele("testcase", { classname, name: check.name });
    if (check.verdict === "fail") testcase.ele("failure", { message: check.detail }).txt(check.detail);
    if (check.verdict === "unknown") testcase.ele("error", { message: check.detail }).txt(check.detail);
  }
  return root.end({ prettyPrint: true });
}

export async function writeJunit(dir: string, report: Report): Promise<string> {
  const path = join(dir, "junit.xml");
  await writeFile(path, junitXml(report));
  return path;
}
