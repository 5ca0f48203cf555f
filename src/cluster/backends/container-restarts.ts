import type { ContainerHandle } from "../../docker/client.js";
import { followContainerEvents, type ContainerEvent, type EventFollower } from "../../docker/container-events.js";
import { startContainer } from "../../docker/containers.js";
import { engineStarts, nextBackoffMs, type StartCall } from "../../docker/restart-policy.js";
import { errorMessage, HarnessError } from "../../errors.js";

/**
 * The restarts Docker's restart policy made of a cluster's containers, told
 * apart from the harness's starts: every start and exit the engine logs for
 * the cluster's label (followed from the first question on), and the span of
 * every start call the harness made. A container is named by its name or id.
 * Times are wall-clock ms: the engine's clock is the host's.
 */
export class ContainerRestarts {
  private readonly events: ContainerEvent[] = [];
  private readonly calls = new Map<string, StartCall[]>();
  private follower: Promise<EventFollower> | undefined;
  private lost: Error | undefined;

  constructor(private readonly label: string) {}

  /** The harness starts a container: its start is then not the engine's. */
  async start(container: string, handle: ContainerHandle): Promise<void> {
    const fromMs = Date.now();
    try {
      await startContainer(handle);
    } finally {
      this.calls.set(container, [...(this.calls.get(container) ?? []), { fromMs, toMs: Date.now() }]);
    }
  }

  /** The engine's restarts of a container since a time, and the back-off before its next one. */
  async restarts(container: string, sinceMs: number): Promise<{ atMs: number[]; nextBackoffMs: number }> {
    await this.follow(sinceMs);
    const events = this.events.filter((e) => e.name === container || e.id === container);
    const calls = this.calls.get(container) ?? [];
    return {
      atMs: engineStarts(events, calls).filter((e) => e.atMs >= sinceMs).map((e) => e.atMs),
      nextBackoffMs: nextBackoffMs(events, calls, Date.now()),
    };
  }

  close(): void {
    void this.follower?.then((f) => f.close(), () => {});
    this.follower = undefined;
  }

  private async follow(sinceMs: number): Promise<void> {
    if (this.lost) throw new HarnessError(`engine restarts are unknown: the engine's event stream ended (${errorMessage(this.lost)})`);
    this.follower ??= followContainerEvents(
      this.label,
      sinceMs,
      (event) => this.events.push(event),
      (error) => (this.lost = error ?? new Error("the engine closed it")),
    );
    try {
      await this.follower;
    } catch (error) {
      this.follower = undefined; // not following yet: the next question tries again
      throw error;
    }
  }
}
