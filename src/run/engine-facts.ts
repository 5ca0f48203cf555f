import { engineCpus } from "../docker/containers.js";
import { netemOffered } from "../docker/netem.js";
import { UsageError } from "../errors.js";
import { engineAsks, engineProblems, type EngineFacts } from "../faults/index.js";

/**
 * Refuses, before any cluster starts, faults the engine cannot do as the
 * scenario says (what each kind requires of it: netem, more CPUs than the
 * limit). The engine is asked only what these faults need: the netem check
 * starts a container of the node image, which `nodeImage` makes.
 */
export async function requireEngineFacts(faults: readonly { kind: string }[], nodeImage: () => Promise<string>): Promise<void> {
  const asks = engineAsks(faults);
  if (asks.length === 0) return;
  const facts: Partial<EngineFacts> = {};
  if (asks.includes("cpus")) facts.cpus = await engineCpus();
  if (asks.includes("netem")) facts.netem = await netemOffered(await nodeImage());
  // every fault's problems ask only what engineAsks gathered for it
  const problems = engineProblems(faults, facts as EngineFacts);
  if (problems.length) throw new UsageError(problems.join("\n"));
}
