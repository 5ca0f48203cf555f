import { afterEach, describe, expect, it, vi } from "vitest";
import type { ContainerHandle } from "../../src/docker/client.js";
import { EXEC_START_DEADLINE_MS, startExec } from "../../src/docker/exec.js";

/*
 * startExec's handling of an exec start that does not start: no Docker here,
 * only a stand-in for the container whose start refuses, or never answers,
 * and which records whether its request was aborted (an open request's socket
 * keeps the process alive).
 */

function containerWhoseStart(start: (signal: AbortSignal) => Promise<unknown>) {
  const seen: { signal?: AbortSignal } = {};
  const container = {
    exec: async () => ({
      start: (options: { abortSignal: AbortSignal }) => {
        seen.signal = options.abortSignal;
        return start(options.abortSignal);
      },
    }),
  } as unknown as ContainerHandle;
  return { container, seen };
}

const refused = (statusCode: number) => Object.assign(new Error(`(HTTP code ${statusCode}) container stopped/paused`), { statusCode, json: { message: "Container abc is restarting" } });

afterEach(() => vi.useRealTimers());

describe("startExec", () => {
  it.each([404, 409])("answers not-running when the engine refuses the start (%i), and aborts the refused request", async (status) => {
    const { container, seen } = containerWhoseStart(() => Promise.reject(refused(status)));
    const result = await startExec(container, ["true"], { stdin: true });
    expect(result).toEqual({ kind: "not-running", reason: "Container abc is restarting" });
    expect(seen.signal?.aborted).toBe(true);
  });

  it("gives up on a start the engine never answers, after its deadline, and aborts the request", async () => {
    vi.useFakeTimers();
    const { container, seen } = containerWhoseStart(
      (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" })))),
    );
    const result = startExec(container, ["true"], { stdin: false });
    await vi.advanceTimersByTimeAsync(EXEC_START_DEADLINE_MS - 1);
    expect(seen.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toEqual({ kind: "not-running", reason: `the engine did not start the exec within ${EXEC_START_DEADLINE_MS / 1000} s` });
    expect(seen.signal?.aborted).toBe(true);
  });

  it("cuts the container ID in the engine's message to its short form", async () => {
    const id = "348351d3715150fb70d7a6592794c7507237a7452c9b30fce5c3dc353988ccbf";
    const { container } = containerWhoseStart(() => Promise.reject(Object.assign(new Error("(HTTP code 409)"), { statusCode: 409, json: { message: `Container ${id} is not running` } })));
    expect(await startExec(container, ["true"], { stdin: false })).toMatchObject({ reason: "Container 348351d37151 is not running" });
  });

  it("rethrows any other failure", async () => {
    const { container } = containerWhoseStart(() => Promise.reject(Object.assign(new Error("engine broke"), { statusCode: 500 })));
    await expect(startExec(container, ["true"], { stdin: false })).rejects.toThrow("engine broke");
  });

  it("leaves a started exec's request alone", async () => {
    const stream = {};
    const { container, seen } = containerWhoseStart(async () => stream);
    const result = await startExec(container, ["true"], { stdin: true });
    expect(result).toMatchObject({ kind: "started", stream });
    expect(seen.signal?.aborted).toBe(false);
  });
});
