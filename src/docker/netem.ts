import { LABEL_RUN } from "./labels.js";
import { runOnce } from "./run-once.js";

/**
 * Whether the engine's kernel has the netem queueing discipline (it has none
 * on the machines meshproof is developed on): asked in a throwaway container
 * of the image, off any network, and what tc said when it has not.
 */
export async function netemOffered(image: string): Promise<{ offered: true } | { offered: false; said: string }> {
  const { exitCode, output } = await runOnce({
    image,
    cmd: ["sh", "-c", "tc qdisc add dev lo root netem delay 1ms && tc qdisc del dev lo root"],
    networkMode: "none",
    capAdd: ["NET_ADMIN"],
    labels: { [LABEL_RUN]: "netem-check" },
  });
  return exitCode === 0 ? { offered: true } : { offered: false, said: output.trim() };
}
