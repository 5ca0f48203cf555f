import { FAULT_KINDS, traitsOf } from "../../faults/index.js";

/** One color per fault kind (each kind's own), the same in the timeline, the legend and the timing charts; grey for a kind this version does not know. */
export function faultColor(kind: string): string {
  return (FAULT_KINDS as readonly string[]).includes(kind) ? traitsOf(kind).color : "#7f7f7f";
}
