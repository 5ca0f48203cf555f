/** What a probe can be asked; each request is one argument of the probe escript. */
export type ProbeRequest =
  | { op: "info" }
  | { op: "mesh" }
  | { op: "pg"; scope: string }
  | { op: "ping"; peers: string[] }
  /** The node agent's nodeup/nodedown events since a wall-clock time in ms. */
  | { op: "events"; sinceMs: number };

/** The request as words: its op, then its arguments (a serve request line carries them as op and args). */
export function requestWords(request: ProbeRequest): string[] {
  switch (request.op) {
    case "info":
    case "mesh":
      return [request.op];
    case "pg":
      return ["pg", request.scope];
    case "ping":
      return ["ping", ...request.peers];
    case "events":
      return ["events", String(request.sinceMs)];
  }
}

/** The request as one argument of a one-shot probe. */
export function requestArgument(request: ProbeRequest): string {
  return requestWords(request).join(" ");
}
