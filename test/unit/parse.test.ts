import { describe, it, expect } from "vitest";
import { z } from "zod";
import { flagName } from "../../src/cli/flags.js";
import { clusterOptionsSchema } from "../../src/config/cluster-options.js";
import { parseInput } from "../../src/config/parse.js";
import { UsageError } from "../../src/errors.js";
import { usageError } from "./usage-error.js";

/** The UsageError that parseInput throws for `input`, rendered with CLI flag names. */
function usageErrorFor(input: unknown): UsageError {
  return usageError(() => parseInput(clusterOptionsSchema, input, flagName));
}

describe("parseInput", () => {
  it("returns the parsed output on valid input", () => {
    expect(parseInput(clusterOptionsSchema, { nodes: "7" }, flagName).nodes).toBe(7);
  });

  it("names --nodes when there are too few nodes", () => {
    expect(usageErrorFor({ nodes: "1" }).message).toMatch(/^--nodes: /);
  });

  it("names --otp for an unsupported release", () => {
    expect(usageErrorFor({ otp: "26" }).message).toMatch(/^--otp: /);
  });

  it("names --agent-reconnect for a value that is neither on, off nor ms", () => {
    expect(usageErrorFor({ agentReconnect: "sometimes" }).message).toMatch(/^--agent-reconnect: /);
  });

  it("names --pg-rejoin for a value that is neither on nor off", () => {
    expect(usageErrorFor({ pgRejoin: "maybe" }).message).toMatch(/^--pg-rejoin: /);
  });

  it("names --ready-deadline for a bad duration, with the duration's message", () => {
    expect(usageErrorFor({ readyDeadline: "soon" }).message).toContain('--ready-deadline: not a duration: "soon"');
  });

  it("names every bad field, one per line", () => {
    const lines = usageErrorFor({ nodes: "1", otp: "26" }).message.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines.some((line) => line.startsWith("--nodes: "))).toBe(true);
    expect(lines.some((line) => line.startsWith("--otp: "))).toBe(true);
  });

  it("names nested fields by their dotted path by default", () => {
    const schema = z.object({ outer: z.object({ inner: z.number() }) });
    expect(() => parseInput(schema, { outer: { inner: "x" } })).toThrow(/^outer\.inner: /);
  });

  it("calls a failure of the whole input 'input'", () => {
    expect(() => parseInput(z.number(), "x")).toThrow(UsageError);
    expect(() => parseInput(z.number(), "x")).toThrow(/^input: /);
  });
});
