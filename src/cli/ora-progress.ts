import ora from "ora";
import type { Progress } from "../progress.js";

/** Progress as spinners on stderr (plain lines when stderr is not a terminal), keeping stdout for results. */
export function oraProgress(): Progress {
  return {
    start(text) {
      const spinner = ora({ text, stream: process.stderr }).start();
      return {
        update: (next) => {
          spinner.text = next;
        },
        succeed: () => spinner.succeed(text),
        fail: () => spinner.fail(text),
      };
    },
  };
}
