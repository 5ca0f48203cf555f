import type { Report } from "./report-schema.js";

/** "OTP 27.3.4.1, kernel 10.2.7.1": the release, and kernel's version, which tells global's fixes. */
export function versionLabel(node: Report["nodes"][number]): string {
  const otp = node.otpVersion ? `OTP ${node.otpVersion}` : node.otpRelease ? `OTP ${node.otpRelease}` : "OTP unknown";
  return node.kernelVersion ? `${otp}, kernel ${node.kernelVersion}` : otp;
}

/** The nodes grouped by version label, in the order first seen: 50 nodes of one version stay one group. */
export function nodesByVersion(nodes: Report["nodes"]): Map<string, string[]> {
  const byVersion = new Map<string, string[]>();
  for (const node of nodes) byVersion.set(versionLabel(node), [...(byVersion.get(versionLabel(node)) ?? []), node.name]);
  return byVersion;
}

/** "app@n1, app@n2, … app@n50": a long list of nodes cut short. */
export function someNodes(list: readonly string[]): string {
  return list.length > 12 ? `${list.slice(0, 3).join(", ")}, … ${list.at(-1)}` : list.join(", ");
}

/** "nodes: OTP 27.3.4.1, kernel 10.2.7.1: app@n1, app@n2, app@n3" for the console. */
export function nodesLine(nodes: Report["nodes"]): string {
  return `nodes: ${[...nodesByVersion(nodes)].map(([version, list]) => `${version}: ${someNodes(list)}`).join("; ")}`;
}
