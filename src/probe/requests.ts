/** What a probe can be asked; each request is one argument of the probe escript. */
export type ProbeRequest =
  | { op: "info" }
  | { op: "mesh" }
  | { op: "pg"; scope: string }
  /** Every layer above the mesh as the node sees it (pg scopes found, global, Mnesia) and the invariants' values; sync: also time global:sync(). */
  | { op: "layers"; sync: boolean; invariants: string[] }
  /** Spawns a holder process on the node and registers it in global under the atom `name`. */
  | { op: "register"; name: string }
  /** Kills the holder of the global name `name`, as the node sees it, and unregisters the name. */
  | { op: "unregister"; name: string }
  | { op: "ping"; peers: string[] }
  /** The node's event log since a wall-clock time in ms (its recorder's; null: none runs): its failure signals, and what the log says of itself. */
  | { op: "events"; sinceMs: number }
  /** The same, with the changes of the node's views (between looks, a longer answer). */
  | { op: "views"; sinceMs: number }
  /** Loads meshproof's event recorder into the node and starts it; a running one is left as it is, with its events. */
  | { op: "record" }
  /** Stops the recorder and removes its module (and the layers reader's) from the node. */
  | { op: "unrecord" }
  /** The node names epmd knows in the container, and its short hostname; asks no node, so it answers before one is known. */
  | { op: "discover" }
  /** The pid registered under the atom `name` on the node, or null. */
  | { op: "whereis"; name: string }
  /** Kills (exit kill) the process registered under `name`, naming its supervisor. */
  | { op: "kill-process"; name: string }
  /** sys:suspend of the process registered under `name`; the node keeps its pid for `resume`. */
  | { op: "suspend"; name: string }
  /** sys's own state of the process registered under `name` (suspended or running), and its message queue's length. */
  | { op: "sys-state"; name: string }
  /** sys:resume of every process meshproof suspended on the node (none: nothing to do). */
  | { op: "resume" };

/** The request as words: its op, then its arguments (a serve request line carries them as op and args). */
export function requestWords(request: ProbeRequest): string[] {
  switch (request.op) {
    case "info":
    case "mesh":
    case "record":
    case "unrecord":
    case "discover":
    case "resume":
      return [request.op];
    case "pg":
      return ["pg", request.scope];
    case "ping":
      return ["ping", ...request.peers];
    case "events":
    case "views":
      return [request.op, String(request.sinceMs)];
    case "register":
    case "unregister":
    case "whereis":
    case "kill-process":
    case "suspend":
    case "sys-state":
      return [request.op, request.name];
    case "layers":
      // an expression has spaces and quotes: each travels as one base64 word
      return ["layers", request.sync ? "sync" : "nosync", ...request.invariants.map((expr) => Buffer.from(expr, "utf8").toString("base64"))];
  }
}

/** The request as one argument of a one-shot probe. */
export function requestArgument(request: ProbeRequest): string {
  return requestWords(request).join(" ");
}
