import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readScenarioFile, resolveScenario } from "../../src/scenario/load-scenario.js";

/* The example scenarios are run by the docker tests; a stricter rule that refused one would only show there, minutes in. */
const dir = fileURLToPath(new URL("../../scenarios/", import.meta.url));
const files = readdirSync(dir).filter((file) => /\.(ya?ml|json)$/.test(file));

describe("the example scenarios", () => {
  it.each(files)("%s passes every rule", async (file) => {
    const path = `${dir}${file}`;
    expect(resolveScenario({ path, data: await readScenarioFile(path) }, {}, () => undefined).faults.length).toBeGreaterThan(0);
  });
});
