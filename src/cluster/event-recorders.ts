import type { ProbeOutcome } from "../probe/probe-outcome.js";
import type { ProbeRequest } from "../probe/ops.js";

type Ask = (node: string, requests: ProbeRequest[]) => Promise<ProbeOutcome>;

/**
 * meshproof's event recorder on nodes that run no meshproof agent (a user's
 * image, an attached cluster), so that their nodeup/nodedown events can be
 * read as on meshproof's own image. Every request to a node installs it
 * first: the probe's `record` leaves a running recorder alone and costs a
 * look, and a node that restarted lost its recorder with its VM, so it gets
 * a new one at its first answer and its events start there. Removing stops
 * that, and takes the recorder out of every node.
 */
export class EventRecorders {
  private removed = false;
  /** Nodes that may hold a recorder: it was installed, or its answer was lost. A node that refused every install holds none. */
  private readonly installed = new Set<string>();

  constructor(private readonly ask: Ask) {}

  /** The node's answers to the requests, asked with the recorder installed before them. */
  async askRecording(node: string, requests: ProbeRequest[]): Promise<ProbeOutcome> {
    if (this.removed) return this.ask(node, requests);
    const outcome = await this.ask(node, [{ op: "record" }, ...requests]);
    if (outcome.status === "timeout" || outcome.answers.some((answer) => answer.op === "record" && answer.ok)) this.installed.add(node);
    // a recorder that cannot be installed stays in the outcome's status and reason
    return { ...outcome, answers: outcome.answers[0]?.op === "record" ? outcome.answers.slice(1) : outcome.answers };
  }

  /** Stops installing and removes the recorder from every node; says what could not be removed, one entry per node. */
  async remove(nodes: readonly string[]): Promise<string[]> {
    this.removed = true;
    const left = await Promise.all(
      nodes.map(async (node) => {
        const outcome = await this.ask(node, [{ op: "unrecord" }]);
        // an unreachable node's VM is down, or not up long enough to have answered: it runs no recorder
        if (outcome.status === "ok" || outcome.status === "unreachable" || !this.installed.has(node)) return [];
        return [`the event recorder on ${node} (${outcome.reason})`];
      }),
    );
    return left.flat();
  }
}
