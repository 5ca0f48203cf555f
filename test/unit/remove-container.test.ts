import { describe, expect, it } from "vitest";
import type { ContainerHandle } from "../../src/docker/client.js";
import { removeContainer } from "../../src/docker/containers.js";

/* A stand-in for a container whose removal the engine refuses as often as told, with the engine's own errors. */
function containerRefusing(errors: Error[]) {
  const calls = { count: 0 };
  const container = {
    remove: async () => {
      const error = errors[calls.count++];
      if (error) throw error;
    },
  } as unknown as ContainerHandle;
  return { container, calls };
}

const engineError = (statusCode: number, message: string) => Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode });
const missedExit = () => engineError(500, "server error - Could not kill running container abc, cannot remove - tried to kill container, but did not receive an exit event");

describe("removeContainer", () => {
  it("tries again when a loaded engine missed the container's exit event", async () => {
    const { container, calls } = containerRefusing([missedExit()]);
    await removeContainer(container);
    expect(calls.count).toBe(2);
  });

  it("gives up after a few tries, with the engine's error", async () => {
    const { container, calls } = containerRefusing([missedExit(), missedExit(), missedExit()]);
    await expect(removeContainer(container)).rejects.toThrow(/did not receive an exit event/);
    expect(calls.count).toBe(3);
  });

  it("takes a container that is already gone as removed, and does not retry other refusals", async () => {
    await expect(removeContainer(containerRefusing([engineError(404, "no such container")]).container)).resolves.toBeUndefined();
    const { container, calls } = containerRefusing([engineError(400, "bad parameter")]);
    await expect(removeContainer(container)).rejects.toThrow(/400/);
    expect(calls.count).toBe(1);
  });
});
