import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readScenarioFile, resolveScenario } from "../../src/scenario/load-scenario.js";

/*
 * The example scenarios are run by the docker tests; a stricter rule that refused one would only show there, minutes in.
 * The examples' bundles (examples/NAME/scenario.yaml, written by `meshproof shrink`) are run by nobody here: this is what keeps them from drifting.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const scenarios = readdirSync(`${root}scenarios`).filter((file) => /\.(ya?ml|json)$/.test(file)).map((file) => `scenarios/${file}`);
const examples = readdirSync(`${root}examples`).map((example) => `examples/${example}/scenario.yaml`).filter((file) => existsSync(`${root}${file}`));

describe("the example scenarios", () => {
  it("include every example's bundle", () => {
    expect(examples).toContain("examples/otp-global-stuck/scenario.yaml");
  });

  it.each([...scenarios, ...examples])("%s passes every rule", async (file) => {
    const path = `${root}${file}`;
    expect(resolveScenario({ path, data: await readScenarioFile(path) }, {}, () => undefined).faults.length).toBeGreaterThan(0);
  });
});
