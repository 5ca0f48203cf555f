import type { Progress } from "../progress.js";

/** What a command gets from the CLI: where to write, how to show progress, when to stop. */
export interface CommandContext {
  signal: AbortSignal;
  progress: Progress;
  /** A result line on stdout. */
  out(line: string): void;
  /** A message on stderr. */
  say(line: string): void;
}
