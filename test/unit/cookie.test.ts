import { describe, expect, it } from "vitest";
import { erlangCookie, newCookie } from "../../src/cluster/cookie.js";
import { usageError } from "./usage-error.js";

describe("erlangCookie", () => {
  it("takes a cookie as Erlang reads a cookie file: trailing line ends and spaces dropped, the rest as it is", () => {
    expect(erlangCookie("s3cr3t-Cookie_42\n", "--cookie-file c")).toBe("s3cr3t-Cookie_42");
    expect(erlangCookie("s3cr3t\r\n  \n", "--cookie-file c")).toBe("s3cr3t");
    expect(erlangCookie("  with inner space~!", "--cookie-file c")).toBe("  with inner space~!");
    expect(erlangCookie("x".repeat(255), "--cookie-file c")).toHaveLength(255);
  });

  it("takes the cookies meshproof makes, none of which erl could take for a flag (-setcookie -x drops the cookie)", () => {
    for (let i = 0; i < 200; i++) {
      const cookie = newCookie();
      expect(erlangCookie(cookie, "a run")).toBe(cookie);
      expect(cookie).toMatch(/^[0-9a-f]{48}$/);
    }
  });

  it.each([
    ["empty", "", /holds no cookie \(it is empty\)/],
    ["only a line end", "\n \r\n", /holds no cookie/],
    ["a newline inside", "s3cr3t\nsecond-line", /not a valid Erlang cookie: it holds a line break/],
    ["a tab", "s3cr3t\tpart", /not a valid Erlang cookie/],
    ["a NUL byte", "s3cr3t\u0000part", /not a valid Erlang cookie/],
    ["non-ASCII", "s3cr3t-café", /not a valid Erlang cookie/],
    ["more than an atom holds", "s3cr3t".repeat(50), /longer than 255 characters/],
  ])("refuses %s, naming where it came from and never what it holds", (_what, text, problem) => {
    const error = usageError(() => erlangCookie(text, "--cookie-file /tmp/cookie"));
    expect(error.message).toMatch(/^--cookie-file \/tmp\/cookie: /);
    expect(error.message).toMatch(problem);
    expect(error.message).not.toContain("s3cr3t");
  });
});
