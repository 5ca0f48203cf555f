#!/usr/bin/env node
import { CommanderError } from "commander";
import { HarnessError, UsageError } from "../errors.js";
import type { CommandContext } from "./command-context.js";
import { EXIT } from "./exit-codes.js";
import { Interrupted, interruptSignal } from "./interrupt.js";
import { oraProgress } from "./ora-progress.js";
import { meshproofProgram } from "./program.js";

/* The process's side of the CLI: where output goes, signals, and exit codes. The command table is program.ts. */

const ctx: CommandContext = {
  signal: interruptSignal((signal) => process.stderr.write(`\n${signal}: stopping and removing what this command made...\n`)),
  progress: oraProgress(),
  out: (line) => process.stdout.write(`${line}\n`),
  say: (line) => process.stderr.write(`${line}\n`),
};

try {
  await meshproofProgram(ctx).parseAsync();
} catch (error) {
  process.exitCode = report(error);
}

/** The one place where errors become messages and exit codes. */
function report(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.pass : EXIT.error;
  if (error instanceof Interrupted || (error as { name?: string })?.name === "AbortError") {
    process.stderr.write("meshproof: interrupted; what this command started was removed\n");
    return EXIT.interrupted;
  }
  if (error instanceof UsageError || error instanceof HarnessError) {
    // what went wrong is in the message; a stack trace would bury it
    process.stderr.write(`meshproof: ${error.message}\n`);
    return EXIT.error;
  }
  process.stderr.write(`meshproof: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.error;
}
