import { z } from "zod";

/**
 * The probe's wire format: one JSON object per line on stdout, one per
 * request, `{op, ok, node, result}` or `{op, ok: false, node, error}`.
 * One-shot probes and a long-lived session speak the same lines.
 */

export const erlPidSchema = z.object({
  node: z.string(),
  id: z.string(),
  /** The incarnation of the pid's node; a restarted node has a new one. */
  creation: z.number().int(),
});
export type ErlPid = z.infer<typeof erlPidSchema>;

export const nodeInfoSchema = z
  .object({ otp: z.string(), otp_version: z.string().nullable(), creation: z.number().int(), os_pid: z.string() })
  .transform((raw) => ({ otpRelease: raw.otp, otpVersion: raw.otp_version, creation: raw.creation, osPid: raw.os_pid }));
export type NodeInfo = z.output<typeof nodeInfoSchema>;

export const meshSchema = z.object({ nodes: z.array(z.string()) }).transform((raw) => raw.nodes);

export const pingSchema = z
  .object({ results: z.array(z.object({ peer: z.string(), pong: z.boolean(), ms: z.number() })) })
  .transform((raw) => raw.results);
export type PingResult = z.output<typeof pingSchema>[number];

export const pgViewSchema = z.object({
  scope: z.string(),
  groups: z.array(z.object({ group: z.string(), members: z.array(erlPidSchema), local: z.array(erlPidSchema) })),
});
export type PgView = z.infer<typeof pgViewSchema>;

/** The agent's events, or its recorder's (a user's image, an attached cluster); null: neither runs on the node, so there is no event log to read. */
export const agentEventsSchema = z
  .object({
    events: z
      .array(z.object({ kind: z.enum(["nodeup", "nodedown"]), node: z.string(), reason: z.string(), at_ms: z.number().int() }))
      .nullable(),
  })
  .transform((raw) => raw.events?.map((e) => ({ kind: e.kind, node: e.node, reason: e.reason, atMs: e.at_ms })));
/** A nodeup/nodedown the node agent (or the recorder) logged, with its wall-clock time (same clock as the host's). */
export type AgentEvent = NonNullable<z.output<typeof agentEventsSchema>>[number];

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
