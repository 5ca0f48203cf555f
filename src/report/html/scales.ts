/** Maps a domain linearly onto a range (of SVG coordinates). */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (value: number) => number {
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** Maps a positive domain onto a range by powers of ten: 30 ms and 6 s fit on one axis. */
export function logScale([d0, d1]: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const linear = linearScale([Math.log10(d0), Math.log10(d1)], range);
  return (value) => linear(Math.log10(Math.max(value, d0)));
}

/** About `count` round ticks over [0, max]: multiples of 1, 2 or 5 times a power of ten. */
export function niceTicks(max: number, count: number): number[] {
  if (max <= 0) return [0];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const ticks: number[] = [];
  for (let tick = 0; tick <= max; tick += step) ticks.push(tick);
  return ticks;
}

/** Rounded to a tenth: SVG coordinates need no more, and the page stays small. */
export function px(value: number): number {
  return Math.round(value * 10) / 10;
}
