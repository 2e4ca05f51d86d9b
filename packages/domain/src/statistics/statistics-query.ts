import { type FieldError, fieldError } from "../messages/field-error.js";

// What an analyst may ask for. Periods are calendar years, quarters and months only: an arbitrary range would let
// two overlapping answers be subtracted (1 January–30 November from the whole year gives December), and the cube of
// year × quarter × month is exactly what disclosure control protects as a whole.

export const STATISTICS_DIMENSIONS = ["NETWORK", "ASSIGNMENT_TYPE", "UNIT", "PERSPECTIVE", "AGE_BAND", "MUNICIPALITY", "MONTH"] as const;
export type StatisticsDimension = (typeof STATISTICS_DIMENSIONS)[number];

/** More dimensions at once split the figures so thin that nearly everything would be suppressed (and slow). */
export const MAX_GROUP_BY = 3;
export const FIRST_STATISTICS_YEAR = 2000;

export interface StatisticsQueryInput {
  readonly year: number;
  readonly quarter?: number | null;
  readonly month?: number | null;
  readonly groupBy?: readonly string[] | null;
}

export interface StatisticsQuery {
  readonly year: number;
  readonly quarter: number | null;
  readonly month: number | null;
  readonly groupBy: readonly StatisticsDimension[];
}

const L = {
  year: { sv: "År", en: "Year" },
  quarter: { sv: "Kvartal", en: "Quarter" },
  month: { sv: "Månad", en: "Month" },
  groupBy: { sv: "Gruppering", en: "Grouping" },
};

export function validateStatisticsQuery(
  input: StatisticsQueryInput,
  currentYear: number,
): { ok: true; query: StatisticsQuery } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const at = (field: string) => `input.period.${field}`;
  if (!Number.isInteger(input.year) || input.year < FIRST_STATISTICS_YEAR || input.year > currentYear) {
    errors.push(fieldError(at("year"), "OUT_OF_RANGE", L.year, { min: FIRST_STATISTICS_YEAR, max: currentYear }));
  }
  const quarter = input.quarter ?? null;
  const month = input.month ?? null;
  if (quarter !== null && (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)) {
    errors.push(fieldError(at("quarter"), "OUT_OF_RANGE", L.quarter, { min: 1, max: 4 }));
  }
  if (month !== null && (!Number.isInteger(month) || month < 1 || month > 12)) {
    errors.push(fieldError(at("month"), "OUT_OF_RANGE", L.month, { min: 1, max: 12 }));
  }
  if (quarter !== null && month !== null) {
    errors.push(
      fieldError(at("month"), "INCONSISTENT", L.month, {
        hint: { sv: "Ange antingen kvartal eller månad.", en: "Give either a quarter or a month." },
      }),
    );
  }
  const groupBy: StatisticsDimension[] = [];
  (input.groupBy ?? []).forEach((dimension, index) => {
    const field = `input.groupBy[${index}]`;
    if (!(STATISTICS_DIMENSIONS as readonly string[]).includes(dimension)) errors.push(fieldError(field, "NOT_ALLOWED", L.groupBy));
    else if (groupBy.includes(dimension as StatisticsDimension)) errors.push(fieldError(field, "DUPLICATE", L.groupBy));
    else groupBy.push(dimension as StatisticsDimension);
  });
  if ((input.groupBy?.length ?? 0) > MAX_GROUP_BY) errors.push(fieldError("input.groupBy", "TOO_MANY", L.groupBy, { max: MAX_GROUP_BY }));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, query: { year: input.year, quarter, month, groupBy } };
}
