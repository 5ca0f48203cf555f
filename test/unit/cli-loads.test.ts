import { execa } from "execa";
import { describe, expect, it } from "vitest";

/* Every command's module is loaded when the CLI starts: a schema built wrongly at load time breaks every command, not one. */
describe("the CLI", () => {
  it.each(["run", "check", "up", "compose", "image", "matrix"])("loads and explains `%s --help`", { timeout: 30_000 }, async (command) => {
    const result = await execa("node", ["--import", "tsx", "src/cli/main.ts", command, "--help"], { reject: false });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Usage: meshproof/);
  });
});
