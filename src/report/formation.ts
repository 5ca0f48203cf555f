import { z } from "zod";
import { NOT_PRESENT } from "../checks/layer.js";
import type { CheckResult } from "../checks/verdict.js";
import type { ClusterNotReady } from "../errors.js";
import { tellingLines } from "./telling-lines.js";

const verdictSchema = z.enum(["pass", "fail", "unknown"]);

/** A cluster that never formed: which layer did not come together, and the nodes' log lines that tell why. */
export const formationSchema = z.object({ mesh: verdictSchema, pg: z.enum(["pass", "fail", "unknown", NOT_PRESENT]), logLines: z.array(z.string()) });
export type Formation = z.infer<typeof formationSchema>;

/** What the readiness wait saw when it ran out: the "cluster formed" check of the report, and its parts. */
export function notFormed(error: ClusterNotReady): { check: CheckResult; formation: Formation } {
  const logLines = Object.entries(error.logs).flatMap(([node, tail]) => tellingLines(tail).map((line) => `${node}: ${line}`));
  const problems = Object.values(error.checks).flatMap((c) => (c && c.verdict !== "pass" ? [`${c.name}: ${c.detail}`] : []));
  const told = logLines.length ? `; the nodes logged: ${logLines.join(" | ")}` : "; the nodes logged nothing telling";
  return {
    check: { name: "cluster formed", verdict: "fail", detail: `not within its ready deadline: ${problems.join("; ")}${told}` },
    formation: {
      mesh: error.checks.mesh.verdict === "pass" ? "pass" : "fail",
      pg: !error.checks.pg ? NOT_PRESENT : error.checks.pg.verdict === "pass" ? "pass" : "fail",
      logLines,
    },
  };
}
