import { describe, expect, it } from "vitest";
import type { FeeRounding } from "./fee-schedule.js";
import { exactOre, roundOre, scale } from "./rounding.js";

describe("roundOre", () => {
  const cases: [string, number, number, Record<FeeRounding, number>][] = [
    // label, numerator, denominator, expected per rule
    ["286.50 kr", 28_650, 1, { NEAREST_KRONA_HALF_EVEN: 28_600, NEAREST_KRONA_HALF_UP: 28_700, DOWN_TO_KRONA: 28_600, EXACT_ORE: 28_650 }],
    ["287.50 kr", 28_750, 1, { NEAREST_KRONA_HALF_EVEN: 28_800, NEAREST_KRONA_HALF_UP: 28_800, DOWN_TO_KRONA: 28_700, EXACT_ORE: 28_750 }],
    [
      "2 062.80 kr",
      206_280,
      1,
      { NEAREST_KRONA_HALF_EVEN: 206_300, NEAREST_KRONA_HALF_UP: 206_300, DOWN_TO_KRONA: 206_200, EXACT_ORE: 206_280 },
    ],
    [
      "1 031.40 kr",
      103_140,
      1,
      { NEAREST_KRONA_HALF_EVEN: 103_100, NEAREST_KRONA_HALF_UP: 103_100, DOWN_TO_KRONA: 103_100, EXACT_ORE: 103_140 },
    ],
    ["0.49 kr", 49, 1, { NEAREST_KRONA_HALF_EVEN: 0, NEAREST_KRONA_HALF_UP: 0, DOWN_TO_KRONA: 0, EXACT_ORE: 49 }],
    ["0.5 öre", 1, 2, { NEAREST_KRONA_HALF_EVEN: 0, NEAREST_KRONA_HALF_UP: 0, DOWN_TO_KRONA: 0, EXACT_ORE: 1 }],
    ["a third of 1 kr", 100, 3, { NEAREST_KRONA_HALF_EVEN: 0, NEAREST_KRONA_HALF_UP: 0, DOWN_TO_KRONA: 0, EXACT_ORE: 33 }],
    ["zero", 0, 7, { NEAREST_KRONA_HALF_EVEN: 0, NEAREST_KRONA_HALF_UP: 0, DOWN_TO_KRONA: 0, EXACT_ORE: 0 }],
  ];
  for (const [label, numerator, denominator, expected] of cases) {
    for (const [rounding, result] of Object.entries(expected)) {
      it(`${label} with ${rounding} → ${result} öre`, () => {
        expect(roundOre(exactOre(numerator, denominator), rounding as FeeRounding)).toBe(result);
      });
    }
  }

  it("rounds exact fractions that floating point would get wrong", () => {
    // 57 300 kr × 50 bp × 90 min / (100 × 60) = 42 975 öre exactly
    expect(roundOre(scale(exactOre(57_300 * 50, 100), 90, 60), "EXACT_ORE")).toBe(42_975);
    // 0.29 kr × 3 = 0.87 kr, but 0.29 * 3 in floating point is 0.8699999…
    expect(roundOre(scale(exactOre(29), 3), "EXACT_ORE")).toBe(87);
  });

  it("refuses amounts it cannot round safely", () => {
    expect(() => roundOre(exactOre(-1), "EXACT_ORE")).toThrow(RangeError);
    expect(() => roundOre(exactOre(1, 0), "EXACT_ORE")).toThrow(RangeError);
    expect(() => roundOre(exactOre(0.5), "EXACT_ORE")).toThrow(RangeError);
    expect(() => roundOre(exactOre(2 ** 60), "EXACT_ORE")).toThrow(RangeError);
  });
});
