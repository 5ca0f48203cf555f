import { describe, it } from "vitest";
import { expectExampleScenarioPasses } from "./example-scenario.js";

/* The shipped netsplit scenario, every partition shape in turn: the longest example, in a file of its own so that it runs beside the others. */

describe("example scenarios", () => {
  it("scenarios/netsplit.yaml passes with exit 0", () => expectExampleScenarioPasses("netsplit"));
});
