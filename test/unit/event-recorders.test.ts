import { describe, expect, it } from "vitest";
import { EventRecorders } from "../../src/cluster/event-recorders.js";
import type { ProbeOutcome } from "../../src/probe/probe-outcome.js";
import type { ProbeRequest } from "../../src/probe/ops.js";

/* What the cluster asks its nodes' probes when it records events, against a stand-in probe that answers every request. */

function probe(answerFor: (node: string, request: ProbeRequest) => ProbeOutcome["answers"][number] | "unreachable") {
  const asked: string[] = [];
  const ask = async (node: string, requests: ProbeRequest[]): Promise<ProbeOutcome> => {
    asked.push(`${node}: ${requests.map((r) => r.op).join(" ")}`);
    const answers = requests.map((request) => answerFor(node, request));
    if (answers.includes("unreachable")) return { status: "unreachable", reason: "the probe cannot connect to the node", answers: [] };
    const given = answers as ProbeOutcome["answers"];
    const failed = given.filter((a) => !a.ok);
    return failed.length ? { status: "crashed", reason: failed.map((a) => `${a.op}: ${a.ok ? "" : a.error}`).join("; "), answers: given } : { status: "ok", answers: given };
  };
  return { ask, asked };
}
const ok = (node: string, request: ProbeRequest) => ({ op: request.op, ok: true as const, node, result: {} });

describe("EventRecorders", () => {
  it("installs the recorder before every request, and answers only what was asked", async () => {
    const { ask, asked } = probe(ok);
    const recorders = new EventRecorders(ask);
    const outcome = await recorders.askRecording("app@n1", [{ op: "mesh" }, { op: "events", sinceMs: 5 }]);
    expect(asked).toEqual(["app@n1: record mesh events"]);
    expect(outcome.status).toBe("ok");
    expect(outcome.answers.map((a) => a.op)).toEqual(["mesh", "events"]);
  });

  it("says so when the recorder cannot be installed, rather than answering without it", async () => {
    const { ask } = probe((node, request) => (request.op === "record" ? { op: "record", ok: false, node, error: "error:{badmatch,{error,on_load_failure}}" } : ok(node, request)));
    const outcome = await new EventRecorders(ask).askRecording("app@n1", [{ op: "mesh" }]);
    expect(outcome).toMatchObject({ status: "crashed", reason: "record: error:{badmatch,{error,on_load_failure}}" });
  });

  it("removes the recorder from every node, and installs none after", async () => {
    const { ask, asked } = probe(ok);
    const recorders = new EventRecorders(ask);
    expect(await recorders.remove(["app@n1", "app@n2"])).toEqual([]);
    await recorders.askRecording("app@n1", [{ op: "mesh" }]);
    expect(asked).toEqual(["app@n1: unrecord", "app@n2: unrecord", "app@n1: mesh"]);
  });

  it("counts an unreachable node as holding none (its VM is down), and names a node that failed to remove it", async () => {
    const { ask } = probe((node, request) =>
      node === "app@n2" ? "unreachable" : node === "app@n3" && request.op === "unrecord" ? { op: request.op, ok: false, node, error: "error:{erpc,timeout}" } : ok(node, request),
    );
    const recorders = new EventRecorders(ask);
    for (const node of ["app@n1", "app@n2", "app@n3"]) await recorders.askRecording(node, [{ op: "mesh" }]);
    expect(await recorders.remove(["app@n1", "app@n2", "app@n3"])).toEqual(["the event recorder on app@n3 (unrecord: error:{erpc,timeout})"]);
  });

  it("counts a node that refused every install as holding none (e.g. its probe could never connect to it)", async () => {
    const refused = (node: string, request: ProbeRequest) => ({ op: request.op, ok: false as const, node, error: "distribution did not start" });
    const { ask } = probe((node, request) => (node === "app@n3" ? refused(node, request) : ok(node, request)));
    const recorders = new EventRecorders(ask);
    for (const node of ["app@n1", "app@n3"]) await recorders.askRecording(node, [{ op: "mesh" }]);
    expect(await recorders.remove(["app@n1", "app@n3"])).toEqual([]);
  });
});
