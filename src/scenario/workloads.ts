/**
 * What the harness does to a cluster during faults besides the faults:
 * global-names registers one global name on each side of a split, for
 * global to resolve when the split heals.
 */
export const WORKLOADS = ["global-names"] as const;
export type Workload = (typeof WORKLOADS)[number];
