/** Thrown (as the abort reason) when the user pressed Ctrl-C or the process got SIGTERM. */
export class Interrupted extends Error {
  override name = "Interrupted";
}

/**
 * Turns the first SIGINT/SIGTERM into an abort, so the running command stops
 * at its next step and cleans up what it made; a second one exits at once.
 */
export function interruptSignal(onAbort: (signal: NodeJS.Signals) => void = () => {}): AbortSignal {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    onAbort(signal);
    controller.abort(new Interrupted(`interrupted by ${signal}`));
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return controller.signal;
}
