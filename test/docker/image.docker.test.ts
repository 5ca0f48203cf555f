import { Readable } from "node:stream";
import { pack } from "tar-stream";
import { describe, expect, it } from "vitest";
import { buildImage } from "../../src/docker/images.js";
import { HarnessError, UsageError } from "../../src/errors.js";
import { ensureNodeImage } from "../../src/image/node-image.js";
import type { Progress } from "../../src/progress.js";

function recordingProgress(): Progress & { steps: string[] } {
  const steps: string[] = [];
  return { steps, start: (text) => (steps.push(text), { update() {}, succeed() {}, fail() {} }) };
}

describe("the node image", () => {
  it("is found by its content hash the second time, without building anything", async () => {
    const first = await ensureNodeImage({ otp: 25, progress: recordingProgress() });
    const progress = recordingProgress();
    const second = await ensureNodeImage({ otp: 25, progress });
    expect(second).toBe(first);
    expect(first).toMatch(/^meshproof\/node:[0-9a-f]{16}$/);
    expect(progress.steps).toEqual([]);
  });

  it("fails loudly with the engine's error and the tail of the build log", async () => {
    const base = await ensureNodeImage({ otp: 25, progress: recordingProgress() });
    const context = pack();
    context.entry({ name: "Dockerfile" }, `FROM ${base}\nRUN echo compiling-the-broken-thing && exit 3\n`);
    context.finalize();
    const failure = buildImage(Readable.from(context), { tag: "meshproof/broken:test", buildArgs: {}, labels: {} });
    await expect(failure).rejects.toThrow(HarnessError);
    await expect(failure).rejects.toThrow(/returned a non-zero code: 3[\s\S]*compiling-the-broken-thing/);
  });

  it("refuses a --base-image the engine does not have, since it cannot pull", async () => {
    await expect(ensureNodeImage({ otp: 25, baseImage: "meshproof/no-such-image:1", progress: recordingProgress() })).rejects.toThrow(UsageError);
  });
});
