import { writeHtmlReport } from "../../report/html/write-html-report.js";
import { EXIT } from "../exit-codes.js";
import type { CommandContext } from "../command-context.js";

/** `meshproof report DIR`: (re)build DIR/report.html from the run's report.json and history.ndjson, and print its path. */
export async function reportCommand(dir: string, ctx: CommandContext): Promise<number> {
  ctx.out(await writeHtmlReport(dir));
  return EXIT.pass;
}
