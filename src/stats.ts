/** min, p50, p95, max of a set of durations (nearest-rank percentiles), in ms. */
export interface Summary {
  count: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
  return { count: sorted.length, min: sorted[0]!, p50: rank(0.5), p95: rank(0.95), max: sorted.at(-1)! };
}
