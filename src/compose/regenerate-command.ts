import { clusterOptionsSchema, type ClusterOptions } from "../config/cluster-options.js";
import { otpText, type Otp } from "../config/otp.js";

/** The options that shape the generated files, as the flags of `meshproof compose`, in the CLI's order. */
const FLAGS = {
  nodes: "--nodes",
  otp: "--otp",
  baseImage: "--base-image",
  netTicktime: "--net-ticktime",
  agentReconnect: "--agent-reconnect",
  preventOverlappingPartitions: "--prevent-overlapping-partitions",
  pgRejoin: "--pg-rejoin",
} as const satisfies Partial<Record<keyof ClusterOptions, string>>;

const defaults = clusterOptionsSchema.parse({});

/** The `meshproof compose` command line that writes the same files again: a flag for each option that is not its default. */
export function regenerateCommand(options: ClusterOptions): string {
  const flags = Object.entries(FLAGS).flatMap(([key, flag]) => {
    const value = options[key as keyof typeof FLAGS];
    const text = (v: typeof value) => (key === "otp" ? otpText(v as Otp) : String(v));
    return value === undefined || text(value) === text(defaults[key as keyof typeof FLAGS]) ? [] : [flag, text(value)];
  });
  return ["meshproof compose", ...flags].join(" ");
}
