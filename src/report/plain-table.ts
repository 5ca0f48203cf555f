import Table from "cli-table3";

/** No rule between rows: a long run stays one screen of lines. */
const COMPACT = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };

/** A console table without colors (CI logs stay readable) and without rules between rows. */
export function plainTable(head: string[], options: { colWidths?: number[] } = {}): Table.Table {
  return new Table({
    head,
    style: { head: [], border: [] },
    chars: COMPACT,
    ...(options.colWidths ? { colWidths: options.colWidths, wordWrap: true } : {}),
  });
}
