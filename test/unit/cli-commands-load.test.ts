import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

/* A schema built when a command module loads (a .pick() zod refuses) would crash the whole CLI before it parsed a flag. */
const commands = readdirSync(new URL("../../src/cli/commands/", import.meta.url)).filter((file) => file.endsWith(".ts"));

describe("the CLI's command modules", () => {
  it.each(commands)("%s loads", async (file) => {
    await expect(import(`../../src/cli/commands/${file.replace(/\.ts$/, ".js")}`)).resolves.toBeDefined();
  });
});
