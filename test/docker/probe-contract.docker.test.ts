import { describe, expect, it } from "vitest";
import { LABEL_RUN } from "../../src/docker/labels.js";
import { runOnce } from "../../src/docker/run-once.js";
import { ensureNodeImage } from "../../src/image/node-image.js";
import { OTP_RELEASES } from "../../src/otp-releases.js";
import { opTableDifferences } from "../../src/probe/op-table-diff.js";
import { parseReply, probeOps } from "../../src/probe/ops.js";
import { parseAnswerLines } from "../../src/probe/protocol.js";
import { PROBE_PATH } from "../../src/probe/run-probe.js";
import { silentProgress } from "../../src/progress.js";

/* The contract between the languages: the probe built in each node image prints its op table, which must be the harness's (src/probe/ops.ts). */

function probeOnce(image: string, ...args: string[]) {
  return runOnce({ image, cmd: [PROBE_PATH, ...args], networkMode: "none", labels: { [LABEL_RUN]: "probe-contract" } });
}

describe.each(OTP_RELEASES)("the probe of OTP %s", (otp) => {
  it("answers `ops` with the harness's op table: no op on one side only, none with other arguments", async () => {
    const run = await probeOnce(await ensureNodeImage({ otp, progress: silentProgress }), "ops");
    expect(run.exitCode, run.output).toBe(0);
    const [answer] = parseAnswerLines(run.output);
    expect(answer).toMatchObject({ op: "ops", ok: true });
    const table = parseReply("ops", answer?.ok ? answer.result : undefined);
    expect(table.success, run.output).toBe(true);
    expect(table.data?.length).toBe(Object.keys(probeOps).length);
    expect(opTableDifferences(table.data ?? [])).toEqual([]);
  });

  it("refuses a request the table does not have, and prints the table's usage", async () => {
    const run = await probeOnce(await ensureNodeImage({ otp, progress: silentProgress }), "crash-node");
    expect(run.exitCode).toBe(1);
    expect(run.output).toContain('bad request "crash-node"');
    for (const op of Object.keys(probeOps)) expect(run.output).toMatch(new RegExp(`REQUEST: (.*\\| )?${op}( |$)`, "m"));
  });
});
