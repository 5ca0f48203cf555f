import { describe, expect, it } from "vitest";
import { editDistance, nearestWord } from "../../src/config/nearest-word.js";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["node", "nodes", 1],
    ["kitten", "sitting", 3],
    ["abc", "", 3],
    ["healp95", "healP95", 1],
  ])("%j -> %j takes %i edits", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe("nearestWord", () => {
  const keys = ["nodes", "netTicktime", "pgGroups", "pgScope"];

  it.each([
    ["node", "nodes"],
    ["net_ticktime", "netTicktime"],
    ["pggroups", "pgGroups"],
    ["pgScop", "pgScope"],
  ])("takes %j for %j", (typed, meant) => {
    expect(nearestWord(typed, keys)).toBe(meant);
  });

  it("suggests nothing for a word that is no typo of any of them", () => {
    expect(nearestWord("color", keys)).toBeUndefined();
    expect(nearestWord("x", [])).toBeUndefined();
  });
});
