/** A value that holds from timeMs until the next step. */
export interface Step<T> {
  timeMs: number;
  value: T;
}

/**
 * Appends a step only where the value changes, so a long run stays small;
 * values recorded at the same moment make one step (the last of them).
 */
export function pushChange<T>(steps: Step<T>[], timeMs: number, value: T): void {
  if (steps.at(-1)?.timeMs === timeMs) steps.pop();
  const last = steps.at(-1);
  if (last && JSON.stringify(last.value) === JSON.stringify(value)) return;
  steps.push({ timeMs, value });
}
