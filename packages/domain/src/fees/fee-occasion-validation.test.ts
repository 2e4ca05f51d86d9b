import { describe, expect, it } from "vitest";
import { type FeeOccasionFacts, validateFeeOccasion } from "./fee-occasion-validation.js";

const facts = (overrides: Partial<FeeOccasionFacts> = {}): FeeOccasionFacts => ({
  occasionDate: "2024-05-14",
  durationMinutes: 180,
  travelMinutes: 30,
  preparationMinutes: 0,
  mileageKm: 12.5,
  expenses: [{ description: "Parkering", amountOre: 4_000 }],
  ...overrides,
});

const codes = (overrides: Partial<FeeOccasionFacts>) => validateFeeOccasion(facts(overrides)).map((error) => [error.field, error.code]);

describe("validateFeeOccasion", () => {
  it("accepts ordinary facts, fractional kilometres included", () => {
    expect(validateFeeOccasion(facts())).toEqual([]);
  });

  it("reports every bad fact at once, with its path", () => {
    expect(
      codes({
        occasionDate: "2023-02-29",
        durationMinutes: 0,
        travelMinutes: -5,
        preparationMinutes: 1.5,
        mileageKm: Number.NaN,
        expenses: [
          { description: "Taxi", amountOre: 100 },
          { description: " ", amountOre: -1 },
        ],
      }),
    ).toEqual([
      ["input.occasionDate", "INVALID_DATE"],
      ["input.durationMinutes", "OUT_OF_RANGE"],
      ["input.travelMinutes", "OUT_OF_RANGE"],
      ["input.preparationMinutes", "OUT_OF_RANGE"],
      ["input.mileageKm", "OUT_OF_RANGE"],
      ["input.expenses[1].description", "REQUIRED"],
      ["input.expenses[1].amountOre", "OUT_OF_RANGE"],
    ]);
  });

  it("catches a misplaced digit: an occasion longer than a day", () => {
    expect(codes({ durationMinutes: 24 * 60 + 1 })).toEqual([["input.durationMinutes", "OUT_OF_RANGE"]]);
  });

  it("names the expense in both languages", () => {
    const [error] = validateFeeOccasion(facts({ expenses: [{ description: "", amountOre: 1 }] }));
    expect(error?.message).toEqual({ sv: "Utlägg 1: beskrivning måste fyllas i.", en: "Expense 1: description is required." });
  });
});
