import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Report } from "./report-schema.js";

/** Writes DIR/report.json and returns its path. */
export async function writeReport(dir: string, report: Report): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, "report.json");
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
