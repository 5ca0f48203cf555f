import { z } from "zod";

/**
 * The probe's wire format: one JSON object per line on stdout, one per
 * request, `{op, ok, node, result}` or `{op, ok: false, node, error}`.
 * One-shot probes and a long-lived session speak the same lines.
 */

/** `id` is there in serve mode: the request the line answers. */
const answerSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), op: z.string(), node: z.string(), id: z.number().int().optional(), result: z.unknown() }),
  z.object({ ok: z.literal(false), op: z.string(), node: z.string(), id: z.number().int().optional(), error: z.string() }),
]);
export type ProbeAnswer = z.infer<typeof answerSchema>;

export class ProbeProtocolError extends Error {
  override name = "ProbeProtocolError";
}

/** Parses the probe's stdout; anything that is not an answer line is a protocol error. */
export function parseAnswerLines(stdout: string): ProbeAnswer[] {
  return stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new ProbeProtocolError(`probe wrote a line that is not JSON: ${line.slice(0, 200)}`);
      }
      const parsed = answerSchema.safeParse(json);
      if (!parsed.success) throw new ProbeProtocolError(`probe wrote an unexpected answer: ${line.slice(0, 200)}`);
      return parsed.data;
    });
}
