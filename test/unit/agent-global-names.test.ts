import { describe, expect, it } from "vitest";
import { agentGlobalNames } from "../../src/checks/agent-global-names.js";
import { expectationsOf, requiredGlobalNames } from "../../src/checks/healthy.js";

describe("the agent's global names", () => {
  it("are written as the probe prints them: node atoms quoted only where Erlang quotes them", () => {
    expect(agentGlobalNames(["app@n1", "app@my-host", "App@n2"])).toEqual(["{meshproof_agent,app@n1}", "{meshproof_agent,'app@my-host'}", "{meshproof_agent,'App@n2'}"]);
  });

  it("are required of the live nodes only on clusters of meshproof's agent", () => {
    const pg = { pgScope: "meshproof", pgGroups: { pool: 2 } };
    expect(requiredGlobalNames(expectationsOf({ ...pg, agent: true }), ["app@n1", "app@n3"])).toEqual(["{meshproof_agent,app@n1}", "{meshproof_agent,app@n3}"]);
    expect(requiredGlobalNames(expectationsOf(pg), ["app@n1"])).toEqual([]);
  });
});
