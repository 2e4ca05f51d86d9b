import { describe, expect, it } from "vitest";
import { answerableLevels, type GroupDimension } from "./answerable-tables.js";

const REQUEST_DIMENSIONS: GroupDimension[] = ["NETWORK", "ASSIGNMENT_TYPE", "UNIT", "PERSPECTIVE"];
const ALL_DIMENSIONS: GroupDimension[] = ["NETWORK", "ASSIGNMENT_TYPE", "UNIT", "PERSPECTIVE", "AGE_BAND", "MUNICIPALITY"];

describe("answerableLevels", () => {
  it("lists every grouping of a family of four dimensions by year, quarter and month", () => {
    const levels = answerableLevels(REQUEST_DIMENSIONS, { withTime: true, partition: false });
    // 2⁴ groupings, none with more than three dimensions besides the network, × 3 periods.
    expect(levels).toHaveLength(16 * 3);
    expect(levels).toContainEqual([0, 0, 0, 0, 0]);
    expect(levels).toContainEqual([1, 1, 1, 1, 2]);
    expect(levels.every((level) => level.length === 5)).toBe(true);
    expect(new Set(levels.map((level) => level.join(","))).size).toBe(levels.length);
  });

  it("leaves out groupings of more than three dimensions besides the network", () => {
    const levels = answerableLevels(ALL_DIMENSIONS, { withTime: true, partition: false });
    // Of the five others, 1 + 5 + 10 + 10 subsets of at most three, each with or without the network, × 3 periods.
    expect(levels).toHaveLength(26 * 2 * 3);
    expect(levels).toContainEqual([1, 1, 1, 1, 0, 0, 1]);
    expect(levels).not.toContainEqual([0, 1, 1, 1, 1, 0, 0]);
  });

  it("adds the partition before time, at all (the count) and fine (its parts)", () => {
    const levels = answerableLevels(REQUEST_DIMENSIONS, { withTime: true, partition: true });
    expect(levels).toHaveLength(16 * 2 * 3);
    expect(levels).toContainEqual([1, 0, 0, 0, 0, 2]);
    expect(levels).toContainEqual([1, 0, 0, 0, 1, 2]);
    const pool = answerableLevels(["NETWORK", "PERSPECTIVE", "AGE_BAND", "MUNICIPALITY"], { withTime: false, partition: true });
    expect(pool).toHaveLength(16 * 2);
    expect(pool).toContainEqual([0, 0, 0, 0, 1]);
    expect(pool.every((level) => level.length === 5)).toBe(true);
  });

  it("is the one table of all for a family without dimensions", () => {
    expect(answerableLevels([], { withTime: false, partition: false })).toEqual([[]]);
    expect(answerableLevels([], { withTime: true, partition: true })).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
  });
});
