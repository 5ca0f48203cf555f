import { describe, it, expect } from "vitest";
import { releasesByNode } from "../../src/config/otp.js";
import { cellName, cellOf, cellOtp, cellRunName, distListSchema, matrixCells, releaseListSchema, requiredCellsSchema } from "../../src/matrix/matrix-cells.js";

const messages = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues.map((issue) => issue.message);

describe("releaseListSchema", () => {
  it("reads releases oldest first, whatever the order given", () => {
    expect(releaseListSchema.parse("29,25")).toEqual([25, 29]);
    expect(releaseListSchema.parse("29,27,25")).toEqual([25, 27, 29]);
    expect(releaseListSchema.parse("27")).toEqual([27]);
  });

  it("rejects a release listed twice", () => {
    expect(messages(releaseListSchema.safeParse("25,27,25"))).toEqual(["a release is listed twice"]);
  });

  it("rejects an unsupported release, naming it", () => {
    expect(messages(releaseListSchema.safeParse("25,26"))).toEqual(["26: must be 25 (bookworm), 27 (trixie) or 29 (sid)"]);
    expect(messages(releaseListSchema.safeParse("30"))?.[0]).toMatch(/^30: /);
  });

  it("names each unsupported release, and not as a duplicate", () => {
    const found = messages(releaseListSchema.safeParse("24,26,25"));
    expect(found).toHaveLength(2);
    expect(found?.[0]).toMatch(/^24: /);
    expect(found?.[1]).toMatch(/^26: /);
  });

  it.each(["", "25,", ",25", "25;27", "25 27", "25-27", "latest"])("rejects %j as not a list of releases", (input) => {
    expect(messages(releaseListSchema.safeParse(input))).toEqual(["must list releases such as 25,27,29"]);
  });
});

describe("requiredCellsSchema", () => {
  it("reads pairs and single releases", () => {
    expect(requiredCellsSchema.parse("27-29,25")).toEqual([
      { a: 27, b: 29 },
      { a: 25, b: 25 },
    ]);
  });

  it("normalises a pair given newer first", () => {
    expect(requiredCellsSchema.parse("29-27")).toEqual([{ a: 27, b: 29 }]);
  });

  it("reads a pair of one release twice as that release alone", () => {
    expect(requiredCellsSchema.parse("27-27")).toEqual([{ a: 27, b: 27 }]);
  });

  it("refuses a pair outside OTP's compatibility window: OTP does not promise it", () => {
    expect(messages(requiredCellsSchema.safeParse("27-29,29-25"))).toEqual([
      "25-29 is outside OTP's compatibility window (a release talks to the 2 major releases before it): it can be tabulated, not required",
    ]);
    expect(requiredCellsSchema.parse("25-27,27-29")).toHaveLength(2);
  });

  it("rejects an unsupported release in a cell, naming it", () => {
    expect(messages(requiredCellsSchema.safeParse("27-30"))).toEqual(["30: must be 25 (bookworm), 27 (trixie) or 29 (sid)"]);
    expect(requiredCellsSchema.safeParse("26").success).toBe(false);
  });

  it.each(["", "27-", "-27", "25-27-29", "27_29", "27,", "all"])("rejects %j as not a list of cells", (input) => {
    expect(messages(requiredCellsSchema.safeParse(input))).toEqual(["must list cells such as 27-29 or 27 (comma-separated)"]);
  });
});

describe("matrixCells", () => {
  it("gives every release alone, then every pair, older first in each pair", () => {
    expect(matrixCells([25, 27, 29])).toEqual([
      { a: 25, b: 25 },
      { a: 27, b: 27 },
      { a: 29, b: 29 },
      { a: 25, b: 27 },
      { a: 25, b: 29 },
      { a: 27, b: 29 },
    ]);
  });

  it("gives n releases n + n(n-1)/2 cells", () => {
    expect(matrixCells([27])).toEqual([{ a: 27, b: 27 }]);
    expect(matrixCells([25, 29]).map(cellName)).toEqual(["25", "29", "25-29"]);
    expect(matrixCells([25, 27, 29])).toHaveLength(6);
    expect(matrixCells([])).toEqual([]);
  });

  it("names every cell once", () => {
    const names = matrixCells([25, 27, 29]).map(cellName);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("cellOf and cellName", () => {
  it("puts the older release first", () => {
    expect(cellOf(29, 25)).toEqual({ a: 25, b: 29 });
    expect(cellOf(25, 29)).toEqual({ a: 25, b: 29 });
  });

  it("names a single release by itself and a pair as older-newer", () => {
    expect(cellName({ a: 27, b: 27 })).toBe("27");
    expect(cellName({ a: 25, b: 29 })).toBe("25-29");
    expect(cellName(cellOf(29, 27))).toBe("27-29");
  });
});

describe("cellOtp", () => {
  it("gives a single release to every node", () => {
    expect(cellOtp({ a: 27, b: 27 }, 5)).toBe(27);
  });

  it("gives the older release the first half of the nodes, rounded up", () => {
    expect(cellOtp({ a: 25, b: 29 }, 5)).toEqual([
      { release: 25, count: 3 },
      { release: 29, count: 2 },
    ]);
    expect(cellOtp({ a: 27, b: 29 }, 4)).toEqual([
      { release: 27, count: 2 },
      { release: 29, count: 2 },
    ]);
    expect(cellOtp({ a: 25, b: 27 }, 2)).toEqual([
      { release: 25, count: 1 },
      { release: 27, count: 1 },
    ]);
  });

  it("gives a mix that places every node, and both releases at least one (n1 on the older)", () => {
    for (let nodes = 2; nodes <= 9; nodes++) {
      const byNode = releasesByNode(cellOtp({ a: 25, b: 29 }, nodes), nodes);
      expect(byNode).toHaveLength(nodes);
      expect(byNode[0]).toBe(25);
      expect(byNode.at(-1)).toBe(29);
    }
  });
});

describe("distListSchema", () => {
  it("takes tcp, tls or both, in the order given", () => {
    expect(distListSchema.parse("tcp,tls")).toEqual(["tcp", "tls"]);
    expect(distListSchema.parse("tls")).toEqual(["tls"]);
  });

  it("refuses another distribution, and one listed twice", () => {
    expect(distListSchema.safeParse("tcp,ssl").success).toBe(false);
    expect(distListSchema.safeParse("tls,tls").error?.issues[0]?.message).toBe("a distribution is listed twice");
  });
});

describe("cellRunName", () => {
  it("names the distribution only when the matrix has several", () => {
    expect(cellRunName("27-29", "tls", ["tcp", "tls"])).toBe("27-29 over tls");
    expect(cellRunName("27-29", "tls", ["tls"])).toBe("27-29");
  });
});
