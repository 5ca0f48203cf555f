/**
 * Docker answers 404 for "no such container/network/image" and 304/409 for
 * "already stopped / already in that state". For cleanup and idempotent
 * lifecycle calls these mean the work is already done.
 */
export function isGone(error: unknown): boolean {
  // swarm answers 500 "network ... not found" for an overlay network removed a moment ago
  return statusOf(error) === 404 || (statusOf(error) === 500 && /not found/i.test(String(error)));
}

export function isAlreadyInState(error: unknown): boolean {
  const status = statusOf(error);
  return status === 304 || status === 404 || (status === 409 && /not running|is not paused|already/i.test(String(error)));
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

/** Runs a Docker call and treats "gone"/"already in that state" as success. */
export async function ignoringGone(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!isAlreadyInState(error)) throw error;
  }
}
