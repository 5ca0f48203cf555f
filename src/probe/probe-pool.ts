import pLimit from "p-limit";
import type { Container } from "../docker/client.js";
import type { ProbeOutcome } from "./probe-outcome.js";
import { ProbeSession } from "./probe-session.js";
import type { ProbeRequest } from "./requests.js";
import { runProbe } from "./run-probe.js";

/** How many probe VMs may boot at once: each costs a core for a few hundred ms. */
const BOOTS_AT_ONCE = 4;

/**
 * The probes of one cluster: a long-lived session per node, opened on first
 * use and again after its container came back; or one-shot probes (a VM per
 * request) when sessions are off. Either way the answer is a ProbeOutcome.
 */
export class ProbePool {
  private readonly sessions = new Map<string, Promise<ProbeSession | ProbeOutcome>>();
  private readonly boots = pLimit(BOOTS_AT_ONCE);

  constructor(private readonly options: { timeoutMs: number; mode: "session" | "oneshot" }) {}

  async ask(node: string, container: Container, requests: ProbeRequest[]): Promise<ProbeOutcome> {
    if (this.options.mode === "oneshot") return this.boots(() => runProbe(container, requests, { timeoutMs: this.options.timeoutMs }));
    const session = await this.session(node, container);
    if (!(session instanceof ProbeSession)) return session;
    const outcome = await session.request(requests);
    if (session.closed) this.sessions.delete(node);
    return outcome;
  }

  /** Ends every session (their probes exit when stdin closes). */
  async close(): Promise<void> {
    const sessions = await Promise.all(this.sessions.values());
    this.sessions.clear();
    for (const session of sessions) if (session instanceof ProbeSession) session.close();
  }

  private async session(node: string, container: Container): Promise<ProbeSession | ProbeOutcome> {
    let opening = this.sessions.get(node);
    if (!opening) {
      opening = this.boots(() => ProbeSession.open(container, { timeoutMs: this.options.timeoutMs }));
      this.sessions.set(node, opening);
    }
    const session = await opening;
    // a node that could not be reached now may be back by the next call
    if (!(session instanceof ProbeSession) && this.sessions.get(node) === opening) this.sessions.delete(node);
    return session;
  }
}
