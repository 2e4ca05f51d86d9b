import { describe, expect, it } from "vitest";
import { MEASURE_NAMES, type MeasureName, NOT_APPLICABLE, SMALL_COUNT, type StatisticsFigure, type StatisticsFigures } from "./measures.js";
import { ADDITIVE_MEASURES, MAX_PLATFORM_GROUP_BY, nationalFigures, sumOfPublished, validatePlatformStatisticsQuery } from "./national.js";

const v = (value: number): StatisticsFigure => ({ value, withheld: null });

/** A tenant's total: every figure published, with the values given (the rest zero). */
function tenant(values: Partial<Record<MeasureName, number | StatisticsFigure>>): StatisticsFigures {
  return Object.fromEntries(
    MEASURE_NAMES.map((name) => {
      const given = values[name] ?? 0;
      return [name, typeof given === "number" ? v(given) : given];
    }),
  ) as Record<MeasureName, StatisticsFigure>;
}

describe("sumOfPublished", () => {
  it("sums published parts", () => {
    expect(sumOfPublished([v(3), v(0), v(11)])).toEqual(v(14));
    expect(sumOfPublished([])).toEqual(v(0));
  });

  it("withholds the sum when any part is withheld, however large the rest", () => {
    expect(sumOfPublished([v(1_000), SMALL_COUNT, v(7)])).toEqual(SMALL_COUNT);
    expect(sumOfPublished([NOT_APPLICABLE, SMALL_COUNT])).toEqual(SMALL_COUNT);
  });

  it("is not applicable when a part is", () => {
    expect(sumOfPublished([v(2), NOT_APPLICABLE])).toEqual(NOT_APPLICABLE);
  });

  it("rounds to the parts' decimals instead of showing floating-point noise", () => {
    expect(sumOfPublished([v(0.1), v(0.2)], 1)).toEqual(v(0.3));
  });
});

describe("nationalFigures", () => {
  // Three regions counted by hand: requests 40 + 12 + 7 = 59, participants 30 + 9 + 0 = 39, hours 45.5 + 13.3 + 0 = 58.8,
  // fees 1 031 000 + 309 300 + 0 = 1 340 300 öre; the third region's declined requests are withheld.
  const regions = [
    tenant({ requestsReceived: 40, requestsDeclined: 6, participants: 30, hours: 45.5, feesGrossOre: 1_031_000, activePoolSize: 120 }),
    tenant({ requestsReceived: 12, requestsDeclined: 5, participants: 9, hours: 13.3, feesGrossOre: 309_300, activePoolSize: 61 }),
    tenant({ requestsReceived: 7, requestsDeclined: SMALL_COUNT, participants: 0, hours: 0, feesGrossOre: 0, activePoolSize: 8 }),
  ];

  it("sums each additive figure to the hand count", () => {
    const national = nationalFigures(regions);
    expect(national.requestsReceived).toEqual(v(59));
    expect(national.participants).toEqual(v(39));
    expect(national.hours).toEqual(v(58.8));
    expect(national.feesGrossOre).toEqual(v(1_340_300));
    expect(national.activePoolSize).toEqual(v(189));
  });

  it("withholds a national figure with one withheld region, and only that figure", () => {
    const national = nationalFigures(regions);
    expect(national.requestsDeclined).toEqual(SMALL_COUNT);
    expect(national.requestsReceived.withheld).toBeNull();
  });

  it("never gives a figure that does not add up over regions", () => {
    const published = tenant({ fillRate: 0.8, medianDaysToFilled: 3, uniquePersons: 12, feedbackMeanRating: 4.2 });
    const national = nationalFigures([published, published]);
    for (const name of [
      "fillRate",
      "medianDaysToFilled",
      "p90DaysToFilled",
      "uniquePersons",
      "assignmentConcentration",
      "feedbackMeanRating",
    ] as const) {
      expect(national[name]).toEqual(NOT_APPLICABLE);
    }
  });

  it("names every figure either additive or not applicable", () => {
    const national = nationalFigures([tenant({})]);
    expect(Object.keys(national).sort()).toEqual([...MEASURE_NAMES].sort());
    const additive = MEASURE_NAMES.filter((name) => national[name].withheld === null);
    expect(additive.sort()).toEqual(Object.keys(ADDITIVE_MEASURES).sort());
  });

  it("is zero everywhere additive for no regions at all", () => {
    const national = nationalFigures([]);
    expect(national.requestsReceived).toEqual(v(0));
    expect(national.fillRate).toEqual(NOT_APPLICABLE);
  });
});

describe("validatePlatformStatisticsQuery", () => {
  it("leaves one grouping for the split by tenant", () => {
    expect(MAX_PLATFORM_GROUP_BY).toBe(2);
    const ok = validatePlatformStatisticsQuery({ year: 2025, groupBy: ["NETWORK", "MONTH"] }, 2026);
    expect(ok).toEqual({ ok: true, query: { year: 2025, quarter: null, month: null, groupBy: ["NETWORK", "MONTH"] } });
    const three = validatePlatformStatisticsQuery({ year: 2025, groupBy: ["NETWORK", "UNIT", "MONTH"] }, 2026);
    expect(three.ok).toBe(false);
    if (!three.ok) expect(three.errors.map((error) => `${error.field}:${error.code}`)).toEqual(["input.groupBy:TOO_MANY"]);
  });

  it("reports every other error of a tenant question too, and too many groupings once", () => {
    const bad = validatePlatformStatisticsQuery({ year: 1999, month: 13, groupBy: ["UNIT", "UNIT", "MONTH", "NETWORK"] }, 2026);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.map((error) => `${error.field}:${error.code}`)).toEqual([
        "input.period.year:OUT_OF_RANGE",
        "input.period.month:OUT_OF_RANGE",
        "input.groupBy[1]:DUPLICATE",
        "input.groupBy:TOO_MANY",
      ]);
    }
  });
});
