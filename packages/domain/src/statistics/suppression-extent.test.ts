import { describe, expect, it } from "vitest";
import { type CubeDimension, keyOf, MONTHS, ProtectedCube, quarterOfMonth } from "./linked-tables.js";
import { suppressionExtent } from "./suppression-extent.js";

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe("suppressionExtent", () => {
  it("counts the hidden cells of every table by why they are hidden", () => {
    // One dimension: a = 2 is small (PRIMARY); one other value must be hidden with it (COMPLEMENTARY); the total shows.
    const cube = new ProtectedCube(
      [{ values: ["a", "b", "c"] }],
      new Map([
        ["a", 2],
        ["b", 40],
        ["c", 57],
      ]),
      5,
    );
    expect(suppressionExtent(cube, 5, "X.count")).toEqual({
      label: "X.count",
      tables: 2,
      cells: 4,
      primary: 1,
      complementary: 1,
      hiddenShare: 0.5,
      complementaryPerPrimary: 1,
      grandTotal: "PUBLISHED",
      blankedTables: 0,
    });
  });

  it("reports a small grand total as hidden for itself, and a table hidden whole although it has a large cell", () => {
    const small = new ProtectedCube([{ values: ["a", "b"] }], new Map([["a", 3]]), 5);
    expect(suppressionExtent(small, 5)).toMatchObject({ grandTotal: "PRIMARY", primary: 2, complementary: 0, blankedTables: 0 });
    // a = 1 and b = 9: protecting a hides b, the only other value; the total 10 shows.
    const blanked = new ProtectedCube(
      [{ values: ["a", "b"] }],
      new Map([
        ["a", 1],
        ["b", 9],
      ]),
      5,
    );
    expect(suppressionExtent(blanked, 5)).toMatchObject({ grandTotal: "PUBLISHED", blankedTables: 1, complementary: 1 });
  });

  it("never finds a grand total hidden to protect another cell, over many random cubes", () => {
    const random = seeded(2126);
    const months: CubeDimension = { values: MONTHS, between: [quarterOfMonth] };
    let primaries = 0;
    for (let round = 0; round < 60; round++) {
      const units = Array.from({ length: 2 + Math.floor(random() * 5) }, (_, i) => `u${i}`);
      const types = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => `t${i}`);
      const finest = new Map<string, number>();
      for (const unit of units)
        for (const type of types)
          for (const month of MONTHS) {
            const draw = random();
            if (draw < 0.55) continue;
            finest.set(keyOf([unit, type, month]), draw < 0.8 ? 1 + Math.floor(random() * 4) : 5 + Math.floor(random() * 30));
          }
      const threshold = 3 + Math.floor(random() * 3);
      const cube = new ProtectedCube([{ values: units }, { values: types }, months], finest, threshold);
      const extent = suppressionExtent(cube, threshold);
      primaries += extent.primary;
      const total = [...finest.values()].reduce((sum, count) => sum + count, 0);
      expect(extent.grandTotal).toBe(total === 0 ? "PUBLISHED" : total < threshold ? "PRIMARY" : "PUBLISHED");
    }
    // The rule was tried on cubes that had something to protect.
    expect(primaries).toBeGreaterThan(100);
  });
});
