import { plainTable } from "../src/report/plain-table.js";

/** The figures of one bench run: results.json's content, and the printed rows with their targets. */
export class Figures {
  readonly results: Record<string, unknown> = {};
  private readonly rows: [string, string, string][] = [];

  /** "group.name" goes under its group in results.json. */
  record(key: string, value: number, unit = "ms", target?: string): void {
    const [group, name] = key.split(".") as [string, string | undefined];
    if (name === undefined) this.results[group] = value;
    else this.results[group] = { ...(this.results[group] as object), [name]: value };
    this.rows.push([key, `${Math.round(value * 10) / 10} ${unit}`, target ?? ""]);
  }

  table(): string {
    const table = plainTable(["figure", "value", "target"]);
    for (const row of this.rows) table.push(row);
    return table.toString();
  }
}

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}
