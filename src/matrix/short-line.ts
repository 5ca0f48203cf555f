/** How long a line of matrix.md (a cell's reason, a node's log line) may grow: matrix.json keeps the whole text. */
export const SHORT_LINE = 200;

/** The first line of a text, cut at `max` characters, and whether anything was left out (further lines, or the rest of a long one). */
export function shortLine(text: string, max = SHORT_LINE): { line: string; cut: boolean } {
  const whole = text.trim();
  const first = whole.split("\n", 1)[0]!.trimEnd();
  const line = first.length > max ? first.slice(0, max).trimEnd() : first;
  return { line, cut: line !== whole };
}
