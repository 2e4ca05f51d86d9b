import { describe, expect, it } from "vitest";
import { validateStatisticsQuery } from "./statistics-query.js";

describe("validateStatisticsQuery", () => {
  it("accepts a year, a quarter or a month with up to three groupings", () => {
    expect(validateStatisticsQuery({ year: 2025 }, 2026)).toEqual({
      ok: true,
      query: { year: 2025, quarter: null, month: null, groupBy: [] },
    });
    expect(validateStatisticsQuery({ year: 2026, quarter: 4, groupBy: ["NETWORK", "MONTH"] }, 2026)).toMatchObject({ ok: true });
    expect(validateStatisticsQuery({ year: 2026, month: 12, groupBy: ["UNIT", "AGE_BAND", "PERSPECTIVE"] }, 2026)).toMatchObject({
      ok: true,
    });
  });

  it("lists every problem at once, in Swedish and English", () => {
    const result = validateStatisticsQuery({ year: 2027, quarter: 0, month: 13, groupBy: ["UNIT", "UNIT", "SHOE_SIZE", "NETWORK"] }, 2026);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => `${error.field}:${error.code}`)).toEqual([
      "input.period.year:OUT_OF_RANGE",
      "input.period.quarter:OUT_OF_RANGE",
      "input.period.month:OUT_OF_RANGE",
      "input.period.month:INCONSISTENT",
      "input.groupBy[1]:DUPLICATE",
      "input.groupBy[2]:NOT_ALLOWED",
      "input.groupBy:TOO_MANY",
    ]);
    expect(result.errors[0]?.message.sv).toContain("År");
    expect(result.errors[0]?.message.en).toContain("Year");
  });

  it("refuses a quarter and a month together, and years before 2000", () => {
    expect(validateStatisticsQuery({ year: 2025, quarter: 1, month: 2 }, 2026).ok).toBe(false);
    expect(validateStatisticsQuery({ year: 1999 }, 2026).ok).toBe(false);
    expect(validateStatisticsQuery({ year: 2025.5 }, 2026).ok).toBe(false);
  });
});
