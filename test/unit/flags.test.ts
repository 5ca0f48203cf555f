import { describe, it, expect } from "vitest";
import { flagName } from "../../src/cli/flags.js";

describe("flagName", () => {
  it("turns a camelCase option into a kebab-case flag", () => {
    expect(flagName(["agentReconnect"])).toBe("--agent-reconnect");
    expect(flagName(["netTicktime"])).toBe("--net-ticktime");
  });

  it("keeps a one-word option as is", () => {
    expect(flagName(["nodes"])).toBe("--nodes");
  });

  it("names the flag by the first path element only", () => {
    expect(flagName(["pgGroups", "pool"])).toBe("--pg-groups");
  });

  it("falls back to the dotted path when it does not start with a name", () => {
    expect(flagName([0, "x"])).toBe("0.x");
    expect(flagName([])).toBe("");
  });
});
