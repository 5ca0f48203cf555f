import { describe, it, expect } from "vitest";
import { runOptionsSchema } from "../../src/config/run-options.js";

describe("runOptionsSchema", () => {
  it("has the documented defaults, on top of the cluster's", () => {
    const options = runOptionsSchema.parse({});
    expect(options).toMatchObject({
      kills: 10,
      downtime: 1_000,
      detectDeadline: 15_000,
      healDeadline: 30_000,
      keep: false,
      nodes: 5,
      otp: 25,
    });
    expect(options.seed).toBeUndefined();
    expect(options.report).toBeUndefined();
  });

  it("coerces CLI strings", () => {
    const options = runOptionsSchema.parse({ kills: "3", seed: "42", downtime: "2s", healDeadline: "1m" });
    expect(options).toMatchObject({ kills: 3, seed: 42, downtime: 2_000, healDeadline: 60_000 });
  });

  it("accepts seeds from 0 to 2^32-1", () => {
    expect(runOptionsSchema.parse({ seed: "0" }).seed).toBe(0);
    expect(runOptionsSchema.parse({ seed: 2 ** 32 - 1 }).seed).toBe(2 ** 32 - 1);
  });

  it.each([["-1"], [-1], [2 ** 32], ["1.5"], ["abc"], [""], ["1e3"]])("rejects seed %j", (seed) => {
    expect(runOptionsSchema.safeParse({ seed }).success).toBe(false);
  });

  it("rejects zero kills and a bad duration", () => {
    expect(runOptionsSchema.safeParse({ kills: "0" }).success).toBe(false);
    expect(runOptionsSchema.safeParse({ downtime: "later" }).success).toBe(false);
  });
});
