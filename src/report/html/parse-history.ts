import { opSchema, type Op } from "../../history/events.js";

/** history.ndjson as written by History: one event per line. A line that is not one throws, naming its number. */
export function parseHistory(text: string): Op[] {
  return text
    .split("\n")
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim() !== "")
    .map(({ line, number }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new Error(`line ${number}: not JSON`);
      }
      const op = opSchema.safeParse(json);
      if (!op.success) throw new Error(`line ${number}: not an operation: ${op.error.issues[0]?.path.join(".")}: ${op.error.issues[0]?.message}`);
      return op.data;
    });
}
