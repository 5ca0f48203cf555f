import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { reportSchema } from "../report-schema.js";
import { errorMessage, UsageError } from "../../errors.js";
import type { Op } from "../../history/events.js";
import { historySeries } from "./history-series.js";
import { parseHistory } from "./parse-history.js";
import { renderHtmlReport } from "./render-html-report.js";

/**
 * Reads DIR/report.json and DIR/history.ndjson and writes DIR/report.html;
 * returns its path. A missing or malformed input is a UsageError naming the file.
 */
export async function writeHtmlReport(dir: string): Promise<string> {
  const reportPath = join(dir, "report.json");
  const historyPath = join(dir, "history.ndjson");
  const parsed = reportSchema.safeParse(parseJson(await readInput(reportPath), reportPath));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${reportPath}: not a meshproof report: ${issue?.path.join(".") || "input"}: ${issue?.message}`);
  }
  const historyText = await readInput(historyPath);
  let history: Op[];
  try {
    history = parseHistory(historyText);
  } catch (error) {
    throw new UsageError(`${historyPath}: ${errorMessage(error)}`);
  }
  const path = join(dir, "report.html");
  await writeFile(path, renderHtmlReport(parsed.data, historySeries(history, parsed.data)));
  return path;
}

async function readInput(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : errorMessage(error);
    throw new UsageError(`${path}: cannot read it (${reason})`);
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not JSON (${errorMessage(error)})`);
  }
}
