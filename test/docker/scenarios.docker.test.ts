import { describe, it } from "vitest";
import { expectExampleScenarioPasses } from "./example-scenario.js";

/* The shipped example scenarios pass on the default image, through the CLI (the netsplit one: scenario-netsplit). */

describe("example scenarios", () => {
  it.each(["crash-loop", "pause-beyond-tick", "real-faults"])("scenarios/%s.yaml passes with exit 0", (name) => expectExampleScenarioPasses(name));
});
