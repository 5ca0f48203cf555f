import { describe, it, expect } from "vitest";
import { otpMixProblem, otpSchema, otpText, releasesByNode, releasesOf, type Otp } from "../../src/config/otp.js";

const mix: Otp = [
  { release: 27, count: 3 },
  { release: 29, count: 2 },
];

describe("otpSchema", () => {
  it.each([
    [25, 25],
    ["27", 27],
    ["29", 29],
  ] as const)("reads the single release %j as %j", (input, expected) => {
    expect(otpSchema.parse(input)).toBe(expected);
  });

  it("reads a mix as its parts, in the order given", () => {
    expect(otpSchema.parse("27:3,29:2")).toEqual(mix);
    expect(otpSchema.parse("29:1,25:4")).toEqual([
      { release: 29, count: 1 },
      { release: 25, count: 4 },
    ]);
  });

  it("reads a mix of one part as a list, not as a single release", () => {
    expect(otpSchema.parse("27:5")).toEqual([{ release: 27, count: 5 }]);
  });

  it("parses its own parsed form again to the same value (the report stores it)", () => {
    const parsed = otpSchema.parse("27:3,29:2");
    expect(otpSchema.parse(parsed)).toEqual(parsed);
    expect(otpSchema.parse(otpSchema.parse("25"))).toBe(25);
  });

  it.each([
    ["26", "must be 25 (bookworm), 27 (trixie) or 29 (sid)"],
    ["27:3,30:1", "30 is not a supported release (25, 27, 29)"],
    ["27:0", "27:0 gives no node"],
    ["27;3", "must be a release (25, 27, 29) or a mix such as 27:3,29:2 (got 27;3)"],
    [true, "must be a release (25, 27, 29) or a mix such as 27:3,29:2 (got true)"],
  ])("says what is wrong with %j, not just that it is invalid", (input, message) => {
    const result = otpSchema.safeParse(input);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });

  it.each(["26", "24", "30", "27:0", "27:3,30:1", "26:2", "27;3", "27:3;29:2", "27:", ":3", "27:3,", "latest", ""])("rejects %j", (input) => {
    expect(otpSchema.safeParse(input).success).toBe(false);
  });

  it("rejects a parsed form with an unsupported release, a count below 1, or no parts", () => {
    expect(otpSchema.safeParse([{ release: 26, count: 2 }]).success).toBe(false);
    expect(otpSchema.safeParse([{ release: 27, count: 0 }]).success).toBe(false);
    expect(otpSchema.safeParse([{ release: 27, count: 1.5 }]).success).toBe(false);
    expect(otpSchema.safeParse([]).success).toBe(false);
  });
});

describe("releasesByNode", () => {
  it("gives every node the single release", () => {
    expect(releasesByNode(27, 4)).toEqual([27, 27, 27, 27]);
  });

  it("gives n1 first the first part's release, then the next part's", () => {
    expect(releasesByNode(mix, 5)).toEqual([27, 27, 27, 29, 29]);
  });

  it("keeps the parts' order, even back to an earlier release", () => {
    expect(
      releasesByNode(
        [
          { release: 29, count: 1 },
          { release: 25, count: 2 },
          { release: 29, count: 1 },
        ],
        4,
      ),
    ).toEqual([29, 25, 25, 29]);
  });
});

describe("releasesOf", () => {
  it("gives a single release alone", () => {
    expect(releasesOf(25)).toEqual([25]);
  });

  it("gives each release of a mix once, in the order given", () => {
    expect(releasesOf(mix)).toEqual([27, 29]);
    expect(
      releasesOf([
        { release: 29, count: 1 },
        { release: 25, count: 2 },
        { release: 29, count: 1 },
      ]),
    ).toEqual([29, 25]);
  });
});

describe("otpText", () => {
  it("writes a single release as its number and a mix as the user writes it", () => {
    expect(otpText(29)).toBe("29");
    expect(otpText(mix)).toBe("27:3,29:2");
  });

  it("gives text that parses back to the same value", () => {
    expect(otpSchema.parse(otpText(mix))).toEqual(mix);
    expect(otpSchema.parse(otpText(27))).toBe(27);
  });
});

describe("otpMixProblem", () => {
  it("finds none in a single release, whatever the node count", () => {
    expect(otpMixProblem(27, 3)).toBeUndefined();
    expect(otpMixProblem(27, 100)).toBeUndefined();
  });

  it("finds none in a mix that adds up to the node count", () => {
    expect(otpMixProblem(mix, 5)).toBeUndefined();
  });

  it("says how many nodes a mix makes, how many the cluster has, and what to set", () => {
    expect(otpMixProblem(mix, 7)).toBe("the mix 27:3,29:2 makes 5 nodes, but the cluster has 7 (set nodes to 5)");
    expect(otpMixProblem(mix, 4)).toBe("the mix 27:3,29:2 makes 5 nodes, but the cluster has 4 (set nodes to 5)");
  });
});
