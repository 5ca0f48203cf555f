import { appendFileSync } from "node:fs";
import { relative } from "node:path";
import type { Reporter, TestModule } from "vitest/node";

/**
 * A vitest reporter for .ci/run: appends each test file's time (its import,
 * its tests and its hooks, where a shared cluster starts) to the file named
 * by MESHPROOF_FILE_TIMES, one "ms<TAB>path" line per file, so that the
 * runs of several projects add up and the script can rank them at its end.
 * vitest's json reporter would not do: its file times leave the hooks out.
 */
export default class FileTimesReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const path = process.env.MESHPROOF_FILE_TIMES;
    if (!path) return;
    const lines = modules.map((module) => {
      const { collectDuration, duration } = module.diagnostic();
      return `${Math.round(collectDuration + duration)}\t${relative(process.cwd(), module.moduleId)}\n`;
    });
    appendFileSync(path, lines.join(""));
  }
}
