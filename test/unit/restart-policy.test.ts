import { describe, expect, it } from "vitest";
import type { ContainerEvent } from "../../src/docker/container-events.js";
import { engineStarts, nextBackoffMs, type StartCall } from "../../src/docker/restart-policy.js";

const event = (action: ContainerEvent["action"], atMs: number): ContainerEvent => ({ action, id: "f00d", name: "meshproof-x-n2", atMs });

/** The harness started the container at 0 (its call took 0-800 ms), then it crashed every `runMs` and the engine restarted it after `gapMs`. */
function crashLoop(crashes: number, runMs = 1_000, gapMs = 700): { events: ContainerEvent[]; calls: StartCall[]; lastStartMs: number } {
  const events = [event("start", 500)];
  let at = 500;
  for (let i = 0; i < crashes; i++) {
    events.push(event("die", (at += runMs)), event("start", (at += gapMs)));
  }
  return { events, calls: [{ fromMs: 0, toMs: 800 }], lastStartMs: at };
}

describe("engineStarts", () => {
  it("leaves out the starts logged during the harness's start calls", () => {
    const { events, calls } = crashLoop(2);
    expect(engineStarts(events, calls).map((e) => e.atMs)).toEqual([2_200, 3_900]);
    expect(engineStarts(events, []).map((e) => e.atMs)).toEqual([500, 2_200, 3_900]);
  });

  // seen on a real engine: the start event and the end of the call in the same millisecond
  it("takes a start logged in the last millisecond of a harness call, past its rounded-down end, as the harness's", () => {
    const events = [event("start", 800.4), event("start", 801.2)];
    expect(engineStarts(events, [{ fromMs: 0, toMs: 800 }]).map((e) => e.atMs)).toEqual([801.2]);
  });

  it("counts neither exits nor a later harness start", () => {
    const { events, calls } = crashLoop(1);
    events.push(event("die", 5_000), event("start", 6_000));
    expect(engineStarts(events, [...calls, { fromMs: 5_500, toMs: 6_100 }]).map((e) => e.atMs)).toEqual([2_200]);
  });
});

describe("nextBackoffMs (Docker's restart manager)", () => {
  it("is 100 ms for a container that never crashed, or whose start the events do not show", () => {
    expect(nextBackoffMs([], [], 50_000)).toBe(100);
    const { events, calls, lastStartMs } = crashLoop(0);
    expect(nextBackoffMs(events, calls, lastStartMs + 1_000)).toBe(100);
  });

  it("doubles with each quick crash", () => {
    for (const [crashes, backoff] of [[1, 200], [2, 400], [3, 800], [4, 1_600]] as const) {
      const { events, calls, lastStartMs } = crashLoop(crashes);
      expect(nextBackoffMs(events, calls, lastStartMs + 1_000)).toBe(backoff);
    }
  });

  it("falls back to 100 ms once the container ran 10 s, before the next crash or since its last start", () => {
    const { events, calls, lastStartMs } = crashLoop(3);
    expect(nextBackoffMs(events, calls, lastStartMs + 10_000)).toBe(100);
    const long = crashLoop(3, 10_000);
    expect(nextBackoffMs(long.events, long.calls, long.lastStartMs + 1_000)).toBe(200);
  });

  it("starts over after a harness start (a new restart manager)", () => {
    const { events, calls, lastStartMs } = crashLoop(4);
    events.push(event("die", lastStartMs + 500), event("start", lastStartMs + 2_000));
    calls.push({ fromMs: lastStartMs + 1_500, toMs: lastStartMs + 2_100 });
    expect(nextBackoffMs(events, calls, lastStartMs + 3_000)).toBe(100);
  });

  it("stops doubling at a minute", () => {
    const { events, calls, lastStartMs } = crashLoop(12);
    expect(nextBackoffMs(events, calls, lastStartMs + 1_000)).toBe(60_000);
  });
});
