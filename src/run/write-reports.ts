import type { History } from "../history/history.js";
import { writeHtmlReport } from "../report/html/write-html-report.js";
import { writeJunit } from "../report/junit.js";
import type { Report } from "../report/report-schema.js";
import { writeReport } from "../report/write-report.js";

/** Every file of a run's verdict: report.json, junit.xml, the verdict in the history, and report.html built from both. */
export async function writeReports(dir: string, report: Report, history: History): Promise<void> {
  await writeReport(dir, report);
  await writeJunit(dir, report);
  history.record({ process: "harness", type: "info", f: "verdict", value: { verdict: report.verdict, summary: report.summary } });
  await writeHtmlReport(dir);
}
