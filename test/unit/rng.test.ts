import { describe, it, expect } from "vitest";
import { seededRng } from "../../src/schedule/rng.js";

const ITEMS = ["a", "b", "c", "d", "e", "f", "g", "h"];

/** n draws of int(0, 1_000_000) from a fresh generator. */
function draws(seed: number, n: number): number[] {
  const rng = seededRng(seed);
  return Array.from({ length: n }, () => rng.int(0, 1_000_000));
}

describe("seededRng", () => {
  it("repeats the same sequence for the same seed, across int, pick and shuffle", () => {
    const run = (seed: number) => {
      const rng = seededRng(seed);
      return [rng.int(0, 99), rng.pick(ITEMS), rng.shuffle(ITEMS), rng.int(-5, 5), rng.shuffle(ITEMS)];
    };
    expect(run(1234)).toEqual(run(1234));
    expect(draws(0, 100)).toEqual(draws(0, 100));
  });

  it("gives different sequences for different seeds", () => {
    expect(draws(1, 50)).not.toEqual(draws(2, 50));
    expect(draws(0, 50)).not.toEqual(draws(2 ** 32 - 1, 50));
  });

  it("draws integers within [min, max], both bounds included", () => {
    const rng = seededRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const value = rng.int(3, 6);
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(6);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it("draws the one possible value when min equals max", () => {
    const rng = seededRng(7);
    for (let i = 0; i < 20; i++) expect(rng.int(4, 4)).toBe(4);
  });

  it("shuffles into a permutation of the input without changing the input", () => {
    const input = [...ITEMS];
    const rng = seededRng(99);
    for (let i = 0; i < 50; i++) {
      const shuffled = rng.shuffle(input);
      expect(shuffled).not.toBe(input);
      expect(shuffled).toHaveLength(input.length);
      expect([...shuffled].sort()).toEqual([...ITEMS].sort());
    }
    expect(input).toEqual(ITEMS);
  });

  it("actually reorders: over many shuffles not every result is the input order", () => {
    const rng = seededRng(5);
    const orders = new Set(Array.from({ length: 50 }, () => rng.shuffle(ITEMS).join("")));
    expect(orders.size).toBeGreaterThan(1);
  });

  it("shuffles an empty or one-element list into a copy of it", () => {
    const rng = seededRng(1);
    expect(rng.shuffle([])).toEqual([]);
    const one = ["x"];
    expect(rng.shuffle(one)).toEqual(["x"]);
    expect(rng.shuffle(one)).not.toBe(one);
  });

  it("picks an element of the list, and over many picks each of them", () => {
    const rng = seededRng(3);
    const picked = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const item = rng.pick(ITEMS);
      expect(ITEMS).toContain(item);
      picked.add(item);
    }
    expect([...picked].sort()).toEqual([...ITEMS].sort());
  });
});
