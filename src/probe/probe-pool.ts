import { setTimeout as sleep } from "node:timers/promises";
import pLimit from "p-limit";
import type { ContainerHandle } from "../docker/client.js";
import { errorMessage } from "../errors.js";
import type { ProbeOutcome } from "./probe-outcome.js";
import { ProbeSession } from "./probe-session.js";
import { redactOutcome } from "./redact.js";
import type { ProbeRequest } from "./ops.js";
import { runProbe, type ProbeLaunch } from "./run-probe.js";

/** Where a node's probe runs (the container running the node now) and how it is started there. */
export interface ProbeTarget {
  container(): Promise<ContainerHandle>;
  launch: ProbeLaunch;
}

/** Beyond the probe's own deadline: a VM boot and the ready line (ProbeSession.open waits timeout + 5 s). */
const OPEN_MARGIN_MS = 10_000;
/** How many probe VMs may boot at once: each costs a core for a few hundred ms. */
const BOOTS_AT_ONCE = 4;

/**
 * The probes of one cluster: a long-lived session per node, opened on first
 * use and again after its container came back; or one-shot probes (a VM per
 * request) when sessions are off. Either way the answer is a ProbeOutcome.
 *
 * A node whose session is still starting is answered "unreachable" at once
 * rather than waited for, so one restarting node does not slow down every
 * observation of the others (and with it the precision of heal times). Between
 * attempts, the answer says why the node's last session did not open.
 */
export class ProbePool {
  private readonly sessions = new Map<string, { session?: ProbeSession; opening?: Promise<void> }>();
  private readonly openFailures = new Map<string, string>();
  private readonly boots = pLimit(BOOTS_AT_ONCE);

  constructor(private readonly options: { timeoutMs: number; mode: "session" | "oneshot" }) {}

  /** The node's answers; whatever the probe printed is reported without the target's secrets. */
  async ask(node: string, target: ProbeTarget, requests: ProbeRequest[]): Promise<ProbeOutcome> {
    return redactOutcome(await this.answer(node, target, requests), target.launch.secrets);
  }

  private async answer(node: string, target: ProbeTarget, requests: ProbeRequest[]): Promise<ProbeOutcome> {
    if (this.options.mode === "oneshot") {
      return this.boots(async () => runProbe(await target.container(), requests, { timeoutMs: this.options.timeoutMs, launch: target.launch }));
    }
    const entry = this.sessions.get(node);
    if (!entry?.session) {
      const reason = (!entry && this.openFailures.get(node)) || "probe session starting";
      this.warm(node, target);
      return { status: "unreachable", reason, answers: [] };
    }
    const outcome = await entry.session.request(requests);
    if (entry.session.closed) this.sessions.delete(node);
    return outcome;
  }

  /** Starts opening a node's session in the background (e.g. right after its container started). */
  warm(node: string, target: ProbeTarget): void {
    if (this.options.mode === "oneshot" || this.sessions.has(node)) return;
    const entry: { session?: ProbeSession; opening?: Promise<void> } = {};
    entry.opening = this.boots(async () => ProbeSession.open(await target.container(), { timeoutMs: this.options.timeoutMs, launch: target.launch })).then(
      (opened) => {
        if (this.sessions.get(node) !== entry) {
          if (opened instanceof ProbeSession) opened.close(); // closed or replaced meanwhile
        } else if (opened instanceof ProbeSession) {
          entry.session = opened;
          this.openFailures.delete(node);
        } else this.openFailed(node, opened.reason ?? "probe session did not open"); // the next ask tries again
      },
      (error: unknown) => {
        if (this.sessions.get(node) === entry) this.openFailed(node, errorMessage(error));
      },
    );
    this.sessions.set(node, entry);
  }

  private openFailed(node: string, reason: string): void {
    this.sessions.delete(node);
    this.openFailures.set(node, reason);
  }

  /** Waits until the sessions being opened are open (or failed), or until they should have been. */
  async settled(): Promise<void> {
    await this.openingsOf([...this.sessions.values()]);
  }

  /** Ends every session (their probes exit when stdin closes); sessions still opening are closed when they open. */
  async close(): Promise<void> {
    const entries = [...this.sessions.values()];
    this.sessions.clear();
    for (const entry of entries) entry.session?.close();
    await this.openingsOf(entries);
  }

  /** No wait here outlasts a session's own start deadline, whatever the engine does with the exec meanwhile. */
  private async openingsOf(entries: { opening?: Promise<void> }[]): Promise<void> {
    const cap = sleep(this.options.timeoutMs + OPEN_MARGIN_MS, undefined, { ref: false });
    await Promise.all(entries.map((entry) => Promise.race([entry.opening, cap])));
  }
}
