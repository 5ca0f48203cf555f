import type { z } from "zod";
import { UsageError } from "../errors.js";

/**
 * Validates input against a schema; on failure one UsageError names every bad
 * field by its path (rendered by `fieldName`, e.g. as a CLI flag).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  fieldName: (path: PropertyKey[]) => string = (path) => path.map(String).join("."),
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `${fieldName(issue.path) || "input"}: ${issue.message}`);
  throw new UsageError(lines.join("\n"));
}
