import type { ClusterOptionsInput } from "../config/cluster-options.js";
import { UsageError } from "../errors.js";
import { FAULT_KINDS, traitsOf } from "../faults/index.js";
import { invariantFromFlag } from "../config/invariants.js";
import { flagConflicts, lastingOf } from "./flag-conflicts.js";

/** The flags of `run` that shape the scenario (all optional: unset means "the file's, or the default"). */
export interface ScenarioFlags {
  nodes?: string;
  engine?: string;
  nodeApi?: string[];
  otp?: string;
  baseImage?: string;
  mirror?: string;
  image?: string;
  nodeCmd?: string;
  escript?: string;
  pgScope?: string;
  pgGroups?: string;
  netTicktime?: string;
  agentReconnect?: string;
  pgRejoin?: string;
  preventOverlappingPartitions?: string;
  readyDeadline?: string;
  probeTimeout?: string;
  probeMode?: string;
  dist?: string;
  distOptfile?: string;
  faults?: string;
  count?: string;
  order?: string;
  kills?: string;
  seed?: string;
  downtime?: string;
  faultDuration?: string;
  interval?: string;
  stagger?: boolean;
  detectDeadline?: string;
  healDeadline?: string;
  stableFor?: string;
  recoveryWindow?: string;
  healP95Budget?: string;
  invariant?: string[];
  workload?: string;
}

const CLUSTER_FLAGS = {
  nodes: "--nodes",
  engine: "--engine",
  nodeApi: "--node-api",
  otp: "--otp",
  baseImage: "--base-image",
  mirror: "--mirror",
  image: "--image",
  nodeCmd: "--node-cmd",
  escript: "--escript",
  pgScope: "--pg-scope",
  pgGroups: "--pg-groups",
  netTicktime: "--net-ticktime",
  agentReconnect: "--agent-reconnect",
  pgRejoin: "--pg-rejoin",
  preventOverlappingPartitions: "--prevent-overlapping-partitions",
  readyDeadline: "--ready-deadline",
  probeTimeout: "--probe-timeout",
  probeMode: "--probe-mode",
  dist: "--dist",
  distOptfile: "--dist-optfile",
} as const satisfies Partial<Record<keyof ClusterOptionsInput, string>>;

/**
 * `--faults KIND:VALUE:...`: each value goes to the next field the kind takes
 * from the flag (partition:isolate:inbound is a shape, then a direction), or
 * to the field it names (partition:method=reset); a number stays a number.
 */
function faultFromFlag(entry: string): Record<string, unknown> {
  const [kind, ...values] = entry.trim().split(":");
  const fields = (FAULT_KINDS as readonly unknown[]).includes(kind) ? (traitsOf(kind!).flagFields ?? []) : [];
  const fault: Record<string, unknown> = { kind };
  for (const [i, value] of values.entries()) {
    const named = /^([a-zA-Z]+)=(.*)$/.exec(value);
    const field = named ? named[1]! : fields[i];
    if (field === undefined) {
      const takes = fields.length ? `takes ${fields.join(", then ")}` : "takes no value";
      throw new UsageError(`--faults ${entry}: ${kind} ${takes} after its kind (or FIELD=VALUE)`);
    }
    const text = named ? named[2]! : value;
    fault[field] = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }
  return fault;
}

/**
 * Turns the given flags into scenario fields that override the scenario
 * file's, and says which flag set a field (for error messages).
 * `--faults kill,pause,partition:ring` lists fault kinds (a partition may name
 * its shape); `--kills N` is short for `--faults kill --count N`.
 */
export function scenarioOverrides(flags: ScenarioFlags, fileFaults: unknown) {
  const cluster = Object.fromEntries(
    Object.keys(CLUSTER_FLAGS).flatMap((key) => (flags[key as keyof ScenarioFlags] === undefined ? [] : [[key, flags[key as keyof ScenarioFlags]]])),
  );
  const listed = flags.faults !== undefined ? flags.faults.split(",").map(faultFromFlag) : flags.kills !== undefined ? [{ kind: "kill" }] : undefined;
  const drawn = listed ?? (Array.isArray(fileFaults) ? (fileFaults as Record<string, unknown>[]) : [{ kind: "kill" }]);
  const conflicts = flagConflicts(flags, drawn);
  if (conflicts.length) throw new UsageError(conflicts.join("\n"));
  let faults = listed;
  if (flags.downtime !== undefined || flags.faultDuration !== undefined) {
    faults = drawn.map((fault) => ({
      ...fault,
      ...(lastingOf(fault.kind) === "downtime" && flags.downtime !== undefined ? { downtime: flags.downtime } : {}),
      ...(lastingOf(fault.kind) === "duration" && flags.faultDuration !== undefined ? { duration: flags.faultDuration } : {}),
    }));
  }

  const overrides = {
    cluster: Object.keys(cluster).length ? cluster : undefined,
    faults,
    count: flags.count ?? flags.kills,
    order: flags.order,
    seed: flags.seed,
    interval: flags.interval,
    stagger: flags.stagger,
    recoveryWindow: flags.recoveryWindow,
    deadlines:
      flags.detectDeadline ?? flags.healDeadline ?? flags.stableFor ? { detect: flags.detectDeadline, heal: flags.healDeadline, stable: flags.stableFor } : undefined,
    budget: flags.healP95Budget === undefined ? undefined : { healP95: flags.healP95Budget },
    invariants: flags.invariant?.map(invariantFromFlag),
    workload: flags.workload,
  };

  const given = (flag: keyof ScenarioFlags, name: string) => (flags[flag] === undefined ? undefined : name);
  const flagOf = (path: string): string | undefined => {
    const [head, second, third] = path.split(".");
    if (head === "cluster") return CLUSTER_FLAGS[second as keyof typeof CLUSTER_FLAGS] && given(second as keyof ScenarioFlags, CLUSTER_FLAGS[second as keyof typeof CLUSTER_FLAGS]);
    if (head === "faults") {
      // a length set by --faults KIND:duration=5s is named by --faults
      if (third === "downtime") return given("downtime", "--downtime") ?? given("faults", "--faults");
      if (third === "duration") return given("faultDuration", "--fault-duration") ?? given("faults", "--faults");
      return given("faults", "--faults") ?? given("kills", "--kills");
    }
    if (head === "count") return given("count", "--count") ?? given("kills", "--kills");
    if (head === "deadlines") {
      if (second === "stable") return given("stableFor", "--stable-for");
      return second === "detect" ? given("detectDeadline", "--detect-deadline") : given("healDeadline", "--heal-deadline");
    }
    if (head === "budget") return given("healP95Budget", "--heal-p95-budget");
    if (head === "recoveryWindow") return given("recoveryWindow", "--recovery-window");
    if (head === "invariants") return given("invariant", "--invariant");
    if (head === "workload") return given("workload", "--workload");
    if (head === "seed" || head === "interval" || head === "order" || head === "stagger") return given(head, `--${head}`);
    return undefined;
  };
  return { overrides, flagOf };
}
