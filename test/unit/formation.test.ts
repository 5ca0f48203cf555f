import { describe, expect, it } from "vitest";
import { ClusterNotReady } from "../../src/errors.js";
import { notFormed } from "../../src/report/formation.js";

const OTP25_CRASH_TAIL = [
  "=ERROR REPORT==== 28-Nov-2026::09:52:50.406969 ===",
  "** Generic server meshproof terminating",
  "** Last message in was {discover,<12345.80.0>}",
  "some line that says nothing",
].join("\n");

describe("notFormed", () => {
  it("fails a cluster that never formed, naming the layer that did not come together and the nodes' telling lines", () => {
    const error = new ClusterNotReady(
      { mesh: { name: "mesh", verdict: "pass", detail: "ok" }, pg: { name: "pg converged", verdict: "fail", detail: "app@n1: no pg view" } },
      { "app@n1": OTP25_CRASH_TAIL, "app@n2": "all quiet" },
    );
    const { check, formation } = notFormed(error);
    expect(check).toMatchObject({ name: "cluster formed", verdict: "fail" });
    expect(check.detail).toMatch(/^not within its ready deadline: pg converged: app@n1: no pg view; the nodes logged: app@n1: \*\* Generic server meshproof terminating/);
    expect(check.detail).not.toContain("says nothing");
    expect(formation).toEqual({
      mesh: "pass",
      pg: "fail",
      logLines: ["app@n1: ** Generic server meshproof terminating", "app@n1: ** Last message in was {discover,<12345.80.0>}"],
    });
  });

  it("says so when the nodes logged nothing telling", () => {
    const error = new ClusterNotReady({ mesh: { name: "mesh", verdict: "fail", detail: "app@n2 sees nobody" }, pg: { name: "pg converged", verdict: "fail", detail: "x" } }, {});
    expect(notFormed(error).check.detail).toMatch(/the nodes logged nothing telling$/);
  });
});
