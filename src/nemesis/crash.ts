import { execInContainer } from "../docker/exec.js";
import type { Nemesis } from "./nemesis.js";

/**
 * Kills the BEAM inside the container (not PID 1: that is docker's init), so
 * the container exits non-zero and the engine's restart policy brings it
 * back. The harness does not recover anything.
 */
export const crashNemesis: Nemesis = {
  async invoke(cluster, plan) {
    // the exec may be cut short by the container exiting: the checks verify the crash instead
    await Promise.all(plan.targets.map(async (node) => execInContainer(await cluster.container(node), ["pkill", "-KILL", "-x", "beam.smp"], { timeoutMs: 10_000 })));
  },
};
