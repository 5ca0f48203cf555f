import { describe, it, expect } from "vitest";
import { attachSelectorSchema } from "../../src/config/attach-selector.js";
import { parseInput } from "../../src/config/parse.js";
import { usageError } from "./usage-error.js";

describe("attachSelectorSchema", () => {
  it("turns compose:PROJECT into the compose project label", () => {
    expect(attachSelectorSchema.parse("compose:shop")).toEqual({ raw: "compose:shop", labelFilter: "com.docker.compose.project=shop" });
  });

  it("accepts the characters compose allows in a project name", () => {
    expect(attachSelectorSchema.parse("compose:my_shop-2.prod").labelFilter).toBe("com.docker.compose.project=my_shop-2.prod");
  });

  it("turns label:KEY=VALUE into that label filter, unchanged", () => {
    expect(attachSelectorSchema.parse("label:app=shop")).toEqual({ raw: "label:app=shop", labelFilter: "app=shop" });
    expect(attachSelectorSchema.parse("label:com.example.cluster=erl-1").labelFilter).toBe("com.example.cluster=erl-1");
  });

  it("keeps everything after the first = as the value (colons and = included)", () => {
    expect(attachSelectorSchema.parse("label:role=a=b").labelFilter).toBe("role=a=b");
    expect(attachSelectorSchema.parse("label:url=http://x:1").labelFilter).toBe("url=http://x:1");
  });

  it("accepts an empty label value", () => {
    expect(attachSelectorSchema.parse("label:flag=").labelFilter).toBe("flag=");
  });

  it.each([
    "",
    "shop",
    "compose",
    "compose:",
    "compose:a/b",
    "compose:a b",
    "compose:shop ",
    "Compose:shop",
    "label:",
    "label:app",
    "label:=shop",
    "label:a b=c",
    "label:app=a b",
    "docker:shop",
    "swarm:stack",
  ])("rejects %j", (raw) => {
    expect(attachSelectorSchema.safeParse(raw).success).toBe(false);
  });

  it("says which forms it takes, as a usage error", () => {
    expect(usageError(() => parseInput(attachSelectorSchema, "label:app")).message).toBe("input: must be compose:PROJECT or label:KEY=VALUE");
  });
});
