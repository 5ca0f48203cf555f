/** One color per fault kind, the same in the timeline, the legend and the timing charts. */
const COLORS: Record<string, string> = {
  kill: "#d62728",
  "kill-many": "#8c1c13",
  crash: "#9467bd",
  stop: "#8c564b",
  pause: "#e6a100",
  partition: "#1f77b4",
  delay: "#17becf",
  loss: "#2ca02c",
};

export function faultColor(kind: string): string {
  return COLORS[kind] ?? "#7f7f7f";
}
