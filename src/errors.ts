/**
 * The two kinds of error the CLI tells apart. Both exit 2; a failed check is
 * not an error but a verdict (exit 1).
 */

/** Bad input from the user: an option, a scenario field, a missing prerequisite. Nothing was started. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The harness could not do its job (engine gone, build failed, timeout of a harness step). */
export class HarnessError extends Error {
  override name = "HarnessError";
}
