import { readFile } from "node:fs/promises";
import { errorMessage, UsageError } from "../errors.js";
import { reportSchema, type Report } from "./report-schema.js";

/** A report.json written by meshproof run, validated; anything else is a UsageError naming the file. */
export async function readReport(path: string): Promise<Report> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new UsageError(`${path}: cannot read a report from it (${errorMessage(error)})`);
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`${path}: not a meshproof report: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
