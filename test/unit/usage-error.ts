import { expect } from "vitest";
import { UsageError } from "../../src/errors.js";

/** The UsageError thrown by `run`, which must throw one. */
export function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error("expected a UsageError, nothing was thrown");
}
