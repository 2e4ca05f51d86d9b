import { describe, expect, it } from "vitest";
import { feasibleRange, feasibleRegion } from "./feasible-range.js";

describe("feasibleRange", () => {
  it("bounds a hidden cell of a one-way table by its published total and neighbours", () => {
    // a + b + c = 10, c = 4 published: a in [0, 6].
    expect(
      feasibleRange(
        [
          [1, 1, 1],
          [0, 0, 1],
        ],
        [10, 4],
        [1, 0, 0],
      ),
    ).toEqual({ min: 0, max: 6 });
  });

  it("finds the narrow range of a 2 × 2 table with its margins published", () => {
    // Rows 3 and 20, columns 5 and 18: the top-left cell lies in [0, 3]; with row 1 = 3 and column 1 = 21 in [2, 3].
    const rows = [
      [1, 1, 0, 0],
      [0, 0, 1, 1],
      [1, 0, 1, 0],
      [0, 1, 0, 1],
    ];
    expect(feasibleRange(rows, [3, 20, 5, 18], [1, 0, 0, 0])).toEqual({ min: 0, max: 3 });
    const tight = feasibleRange(rows, [3, 20, 22, 1], [1, 0, 0, 0]);
    expect(tight.min).toBeCloseTo(2);
    expect(tight.max).toBeCloseTo(3);
  });

  it("is unbounded above when nothing published bounds the cell, and refuses inconsistent figures", () => {
    const region = feasibleRegion([[1, -1, 0]], [2], 3);
    expect(region([0, 1, 0])).toEqual({ min: 0, max: Number.POSITIVE_INFINITY });
    expect(region([1, 0, 0]).min).toBeCloseTo(2);
    expect(() => feasibleRange([[1, 1]], [-1], [1, 0])).toThrow();
  });

  it("copes with redundant equations", () => {
    const rows = [
      [1, 1, 1, 1],
      [1, 1, 0, 0],
      [0, 0, 1, 1],
      [1, 1, 0, 0],
    ];
    const range = feasibleRange(rows, [10, 4, 6, 4], [0, 0, 1, 0]);
    expect(range.min).toBeCloseTo(0);
    expect(range.max).toBeCloseTo(6);
  });
});
