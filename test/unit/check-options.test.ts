import { describe, expect, it } from "vitest";
import { checkOptionsOf } from "../../src/cli/commands/check.js";
import { usageError } from "./usage-error.js";

describe("meshproof check's flags", () => {
  it("takes --pg-scope and --pg-groups as run does", () => {
    expect(checkOptionsOf({ run: "03ad0189", pgScope: "demo", pgGroups: "workers:1,jobs:0" })).toMatchObject({
      run: "03ad0189",
      pgScope: "demo",
      pgGroups: { workers: 1, jobs: 0 },
    });
    expect(checkOptionsOf({ run: "03ad0189", pgGroups: "none" }).pgGroups).toEqual({});
  });

  it("leaves them unset when not given, so the cluster's labels decide", () => {
    const options = checkOptionsOf({ run: "03ad0189" });
    expect(options.pgScope).toBeUndefined();
    expect(options.pgGroups).toBeUndefined();
  });

  it.each([
    [{ pgGroups: "pool" }, '--pg-groups: must be GROUP:MEMBERS,... (e.g. "pool:2,jobs:1"), "none", or a mapping such as { pool: 2 } (got pool)'],
    [{ pgScope: "Demo" }, "--pg-scope: must be a plain Erlang atom: a lowercase letter, then letters, digits or _"],
    [{ probeTimeout: "0s" }, "--probe-timeout: must be longer than 0 (use e.g. 500ms, 30s, 2m)"],
    [{ probeTimeout: "10" }, '--probe-timeout: "10" has no unit: a duration needs one, e.g. 1s or 500ms'],
  ])("refuses %j, naming the flag and why", (flags, message) => {
    expect(usageError(() => checkOptionsOf({ run: "03ad0189", ...flags })).message).toBe(message);
  });
});
