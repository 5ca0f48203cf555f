import { docker } from "./client.js";
import { logTail } from "./logs.js";
import { handleOf } from "./client.js";
import { removeContainer } from "./containers.js";

/**
 * Runs a command in a throwaway container and returns its exit code and
 * output; the container is removed whatever happens.
 */
export async function runOnce(options: {
  image: string;
  cmd: string[];
  networkMode: string;
  labels: Record<string, string>;
  capAdd?: string[];
}): Promise<{ exitCode: number; output: string }> {
  const container = await docker().createContainer({
    Image: options.image,
    Entrypoint: options.cmd.slice(0, 1),
    Cmd: options.cmd.slice(1),
    Labels: options.labels,
    HostConfig: { NetworkMode: options.networkMode, CapAdd: options.capAdd ?? [] },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    return { exitCode: StatusCode, output: await logTail(handleOf(container), 50) };
  } finally {
    await removeContainer(handleOf(container));
  }
}
