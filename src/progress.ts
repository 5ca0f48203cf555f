/**
 * How long steps report progress. The CLI shows them with a spinner; the
 * library is silent unless the caller passes its own.
 */
export interface Progress {
  start(text: string): ProgressStep;
}

export interface ProgressStep {
  update(text: string): void;
  succeed(text?: string): void;
  fail(text?: string): void;
}

export const silentProgress: Progress = {
  start: () => ({ update() {}, succeed() {}, fail() {} }),
};

/** Runs `work` as one step: succeeded when it resolves, failed (and rethrown) when it rejects. */
export async function asStep<T>(progress: Progress, text: string, work: (step: ProgressStep) => Promise<T>): Promise<T> {
  const step = progress.start(text);
  try {
    const result = await work(step);
    step.succeed();
    return result;
  } catch (error) {
    step.fail();
    throw error;
  }
}
