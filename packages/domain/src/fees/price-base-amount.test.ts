import { describe, expect, it } from "vitest";
import { NATIONAL_PRICE_BASE_AMOUNTS } from "../seed-data/price-base-amounts.js";
import { priceBaseAmountFor, priceBaseAmountTable, validatePriceBaseAmount } from "./price-base-amount.js";

describe("price base amounts", () => {
  const table = priceBaseAmountTable(NATIONAL_PRICE_BASE_AMOUNTS);

  it("holds the national figures 2020–2026", () => {
    expect([...table.entries()]).toEqual([
      [2020, 47_300],
      [2021, 47_600],
      [2022, 48_300],
      [2023, 52_500],
      [2024, 57_300],
      [2025, 58_800],
      [2026, 59_200],
    ]);
  });

  it("looks up a year and says when a year is missing", () => {
    expect(priceBaseAmountFor(2024, table)).toBe(57_300);
    expect(priceBaseAmountFor(2019, table)).toBeNull();
    expect(priceBaseAmountFor(2027, table)).toBeNull();
  });

  it("refuses two amounts for one year", () => {
    expect(() =>
      priceBaseAmountTable([
        { year: 2024, amountKronor: 57_300 },
        { year: 2024, amountKronor: 57_400 },
      ]),
    ).toThrow(RangeError);
  });

  it("validates a new row an administrator adds", () => {
    expect(validatePriceBaseAmount({ year: 2027, amountKronor: 60_000 }, table)).toEqual([]);
    expect(validatePriceBaseAmount({ year: 2024, amountKronor: 60_000 }, table)).toMatchObject([
      { field: "input.year", code: "DUPLICATE" },
    ]);
    const errors = validatePriceBaseAmount({ year: 2027.5, amountKronor: 0 }, table);
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ["input.year", "OUT_OF_RANGE"],
      ["input.amountKronor", "OUT_OF_RANGE"],
    ]);
    expect(errors[1]?.message.sv).toBe("Prisbasbelopp måste vara mellan 1 och 10000000.");
  });
});
