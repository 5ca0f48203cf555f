import type { Socket } from "node:net";
import { docker } from "./client.js";

/** A container's start or exit, as the engine logged it (wall-clock ms, the engine's clock). */
export interface ContainerEvent {
  action: "start" | "die";
  /** The container's full id and name, both as the engine gives them. */
  id: string;
  name: string;
  atMs: number;
}

export interface EventFollower {
  /** Stops following; the stream ends without calling onEnd. */
  close(): void;
}

/**
 * Follows the starts and exits of the containers carrying a label, from a
 * wall-clock time on, as the engine logs them. A live stream, not a query of
 * a window: the engine replays only its last 256 events (of every container,
 * exec included), which a busy engine outruns within seconds. onEnd tells
 * that the stream ended by itself (the engine went away) or said something
 * that is not an event: what follows is not seen.
 */
export async function followContainerEvents(
  label: string,
  sinceMs: number,
  onEvent: (event: ContainerEvent) => void,
  onEnd: (error?: Error) => void,
): Promise<EventFollower> {
  // seconds with a fraction: the engine takes "1700000000.123" to the nanosecond
  const since = Math.floor(sinceMs) / 1000;
  const stream = (await docker().getEvents({ since, filters: { type: ["container"], event: ["start", "die"], label: [label] } })) as NodeJS.ReadableStream & {
    destroy(): void;
    socket?: Socket;
  };
  // following must not keep a finished command alive
  stream.socket?.unref();
  stream.setEncoding("utf8");
  let closed = false;
  const ended = (error?: Error) => {
    if (closed) return;
    closed = true;
    onEnd(error);
  };
  let pending = "";
  stream.on("data", (chunk: string) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop()!;
    try {
      for (const line of lines) {
        const event = parseEvent(line);
        if (event) onEvent(event);
      }
    } catch (error) {
      stream.destroy();
      ended(error as Error);
    }
  });
  stream.on("error", (error: Error) => ended(error));
  stream.on("end", () => ended());
  return {
    close() {
      closed = true;
      stream.destroy();
    },
  };
}

function parseEvent(line: string): ContainerEvent | undefined {
  if (!line.trim()) return undefined;
  const raw = JSON.parse(line) as { Action?: string; Actor?: { ID?: string; Attributes?: { name?: string } }; timeNano?: number };
  if (raw.Action !== "start" && raw.Action !== "die") return undefined;
  return { action: raw.Action, id: raw.Actor?.ID ?? "", name: raw.Actor?.Attributes?.name ?? "", atMs: (raw.timeNano ?? 0) / 1e6 };
}
