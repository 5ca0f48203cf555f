import { describe, it, expect } from "vitest";
import { attachOptionsOf } from "../../src/cli/attach-flags.js";
import { usageError } from "./usage-error.js";

describe("attachOptionsOf", () => {
  it("gives undefined without --attach", () => {
    expect(attachOptionsOf({})).toBeUndefined();
  });

  it.each([
    [{ nodeName: "app@{hostname}" }, "--node-name"],
    [{ cookieFile: "/tmp/cookie" }, "--cookie-file"],
    [{ cookieEnv: "COOKIE" }, "--cookie-env"],
  ] as const)("refuses %o without --attach, naming %s", (flags, flag) => {
    expect(usageError(() => attachOptionsOf(flags)).message).toBe(`${flag} only applies with --attach`);
  });

  it("refuses a stray flag even when it is empty", () => {
    expect(usageError(() => attachOptionsOf({ cookieFile: "" })).message).toBe("--cookie-file only applies with --attach");
  });

  it("parses the selector and passes the other flags through", () => {
    expect(attachOptionsOf({ attach: "compose:shop", nodeName: "app@{hostname}", cookieFile: "/tmp/cookie" })).toEqual({
      attach: { raw: "compose:shop", labelFilter: "com.docker.compose.project=shop" },
      nodeName: "app@{hostname}",
      cookieFile: "/tmp/cookie",
    });
  });

  it("needs nothing but --attach", () => {
    const options = attachOptionsOf({ attach: "label:cluster=erl" });
    expect(options?.attach.labelFilter).toBe("cluster=erl");
    expect(options?.nodeName).toBeUndefined();
    expect(options?.cookieFile).toBeUndefined();
    expect(options?.cookieEnv).toBeUndefined();
  });

  it("takes --cookie-env alone", () => {
    expect(attachOptionsOf({ attach: "compose:shop", cookieEnv: "SHOP_COOKIE" })?.cookieEnv).toBe("SHOP_COOKIE");
  });

  it("refuses both --cookie-file and --cookie-env, naming --cookie-env", () => {
    const message = usageError(() => attachOptionsOf({ attach: "compose:shop", cookieFile: "/tmp/cookie", cookieEnv: "COOKIE" })).message;
    expect(message).toBe("--cookie-env: give at most one of --cookie-file and --cookie-env");
  });

  it("refuses a --cookie-env that is not a variable name", () => {
    expect(usageError(() => attachOptionsOf({ attach: "compose:shop", cookieEnv: "1COOKIE" })).message).toMatch(/^--cookie-env: /);
    expect(usageError(() => attachOptionsOf({ attach: "compose:shop", cookieEnv: "MY-COOKIE" })).message).toMatch(/^--cookie-env: /);
  });

  it.each(["app", "app@", "@host", "app@a@b", "app @host"])("refuses --node-name %j, naming the flag", (nodeName) => {
    const message = usageError(() => attachOptionsOf({ attach: "compose:shop", nodeName })).message;
    expect(message).toBe("--node-name: must look like NAME@HOST, e.g. app@{hostname}");
  });

  it("refuses a bad --attach, naming the flag", () => {
    expect(usageError(() => attachOptionsOf({ attach: "shop" })).message).toBe("--attach: must be compose:PROJECT or label:KEY=VALUE");
    expect(usageError(() => attachOptionsOf({ attach: "" })).message).toMatch(/^--attach: /);
  });

  it("names every bad flag, one per line", () => {
    const lines = usageError(() => attachOptionsOf({ attach: "nope", nodeName: "app" })).message.split("\n");
    expect(lines.map((line) => line.split(":")[0])).toEqual(["--attach", "--node-name"]);
  });
});
