import { describe, expect, it } from "vitest";
import { NATIONAL_PRICE_BASE_AMOUNTS } from "../seed-data/price-base-amounts.js";
import { jonkopingFeeSchedules, kalmarFeeSchedules, vgrFeeSchedules } from "../seed-data/regions.js";
import { computeFee, type FeeFailureCode, type FeeInput } from "./fee-calculation.js";
import type { FeeScheduleVersion } from "./fee-schedule.js";
import { priceBaseAmountTable } from "./price-base-amount.js";
import { selectScheduleVersion } from "./schedule-versions.js";

const priceBaseAmounts = priceBaseAmountTable(NATIONAL_PRICE_BASE_AMOUNTS);

function only<T>(list: readonly T[]): T {
  if (list.length !== 1 || list[0] === undefined) throw new Error("expected exactly one schedule version");
  return list[0];
}

const jonkoping = only(jonkopingFeeSchedules);
const vgr = only(vgrFeeSchedules);
const kalmar = only(kalmarFeeSchedules);

function input(schedule: FeeScheduleVersion, overrides: Partial<FeeInput> = {}): FeeInput {
  return {
    schedule,
    occasionDate: "2024-05-14",
    durationMinutes: 60,
    travelMinutes: 0,
    preparationMinutes: 0,
    mileageKm: 0,
    expenses: [],
    priceBaseAmounts,
    ...overrides,
  };
}

function fee(schedule: FeeScheduleVersion, overrides: Partial<FeeInput> = {}) {
  const result = computeFee(input(schedule, overrides));
  if (!result.ok) throw new Error(`expected a fee, got ${result.failure.code}`);
  return result.fee;
}

function failure(schedule: FeeScheduleVersion, overrides: Partial<FeeInput>): FeeFailureCode {
  const result = computeFee(input(schedule, overrides));
  if (result.ok) throw new Error("expected a failure");
  return result.failure.code;
}

const kr = (kronor: number) => kronor * 100;

describe("Jönköping 2024 (PBB 57 300): the published examples to the krona", () => {
  it("pays 2 063 kr for a full day (3.6 % = 2 062.80 kr)", () => {
    const result = fee(jonkoping, { durationMinutes: 300 });
    expect(result.category).toBe("FULL_DAY");
    expect(result.grossOre).toBe(kr(2063));
    expect(result.pbbYear).toBe(2024);
  });

  it("pays 1 031 kr for a half day (1.8 % = 1 031.40 kr)", () => {
    const result = fee(jonkoping, { durationMinutes: 180 });
    expect(result.category).toBe("HALF_DAY");
    expect(result.grossOre).toBe(kr(1031));
  });

  it("pays 286 kr an hour: 0.5 % = 286.50 kr rounds half to even", () => {
    const result = fee(jonkoping, { durationMinutes: 60, hourly: true });
    expect(result.category).toBe("HOURLY");
    expect(result.grossOre).toBe(kr(286));
  });

  it("pays the rate as published, 286 kr an hour: two hours are 572 kr (the rate is rounded before multiplying)", () => {
    const twoHours = fee(jonkoping, { durationMinutes: 120, hourly: true });
    expect(twoHours.grossOre).toBe(kr(572));
    expect(twoHours.explanation.some((line) => line.sv.includes("avrundat till 286 kr per timme × 2 h = 572 kr"))).toBe(true);
    // 1.5 h × 286 kr = 429 kr
    expect(fee(jonkoping, { durationMinutes: 90, hourly: true }).grossOre).toBe(kr(429));
    // Paid preparation uses the same rate: 2 h of agreed preparation on a full day.
    expect(fee(jonkoping, { durationMinutes: 300, preparationMinutes: 120 }).preparationOre).toBe(kr(572));
  });

  it("rounds the total once instead when the schedule says ROUND_TOTAL: two hours at 286.50 kr are 573 kr", () => {
    const roundTotal = { ...jonkoping, hourlyRateRounding: "ROUND_TOTAL" } as const;
    expect(fee(roundTotal, { durationMinutes: 120, hourly: true }).grossOre).toBe(kr(573));
    // 1.5 h × 286.50 kr = 429.75 kr
    expect(fee(roundTotal, { durationMinutes: 90, hourly: true }).grossOre).toBe(kr(430));
  });

  it("pays 516 kr for a short occasion (0.9 % = 515.70 kr)", () => {
    const result = fee(jonkoping, { durationMinutes: 120 });
    expect(result.category).toBe("SHORT");
    expect(result.grossOre).toBe(kr(516));
  });

  it("withholds 30 % tax as salary, rounded down to whole kronor", () => {
    const result = fee(jonkoping, { durationMinutes: 300 });
    expect(result.payoutMethod).toBe("SALARY");
    expect(result.taxableOre).toBe(kr(2063));
    expect(result.withholdingOre).toBe(kr(618)); // 30 % of 2 063 = 618.90
    expect(result.netOre).toBe(kr(2063 - 618));
  });

  it("shows the employer's social fees for information without deducting them", () => {
    const result = fee(jonkoping, { durationMinutes: 300 });
    expect(result.socialFeesOre).toBe(64_819); // 31.42 % of 2 063 kr = 648.1946 kr
    expect(result.netOre).toBe(kr(2063 - 618));
  });

  it("explains each step in Swedish and English", () => {
    const { explanation } = fee(jonkoping, { durationMinutes: 240, travelMinutes: 30 });
    const sv = explanation.map((line) => line.sv);
    const en = explanation.map((line) => line.en);
    expect(sv).toContain("Tid som räknas: 4 h 30 min (uppdrag 4 h + restid 30 min).");
    expect(sv).toContain("Heldag (mer än 4 h): 3,6 % av prisbasbeloppet 2024 (57 300 kr) = 2 062,80 kr, avrundat till 2 063 kr.");
    expect(sv).toContain("Betalas ut som lön: skatteavdrag 30 % av 2 063 kr = 618 kr (nedåt till hela kronor).");
    expect(sv).toContain("Att betala ut: 1 445 kr.");
    expect(en).toContain("Full day (more than 4 h): 3.6% of the 2024 price base amount (SEK 57,300) = SEK 2,062.80, rounded to SEK 2,063.");
    expect(en).toContain("To pay out: SEK 1,445.");
  });
});

describe("Jönköping 2026 (PBB 59 200): the same occasions", () => {
  it.each([
    [300, false, "FULL_DAY", 2131], // 2 131.20
    [180, false, "HALF_DAY", 1066], // 1 065.60
    [120, false, "SHORT", 533], // 532.80
    [60, true, "HOURLY", 296], // 296.00
  ] as const)("%i min (hourly: %s) → %s %i kr", (durationMinutes, hourly, category, kronor) => {
    const result = fee(jonkoping, { occasionDate: "2026-03-02", durationMinutes, hourly });
    expect(result.category).toBe(category);
    expect(result.grossOre).toBe(kr(kronor));
    expect(result.pbbYear).toBe(2026);
  });

  it("uses the price base amount of the occasion's year, not of today", () => {
    expect(fee(jonkoping, { occasionDate: "2025-12-31", durationMinutes: 300 }).grossOre).toBe(kr(2117)); // 2 116.80
    expect(fee(jonkoping, { occasionDate: "2026-01-01", durationMinutes: 300 }).grossOre).toBe(kr(2131));
  });
});

describe("rounding differs between regions on exact halves", () => {
  it("rounds 0.5 % of 52 500 kr = 262.50 kr to 262 kr half-even (Jönköping) and 263 kr half-up (national model)", () => {
    expect(fee(jonkoping, { occasionDate: "2023-06-01", hourly: true }).grossOre).toBe(kr(262));
    expect(fee(kalmar, { occasionDate: "2023-06-01", hourly: true }).grossOre).toBe(kr(263));
  });
});

describe("category thresholds and travel time", () => {
  it.each([
    [1, "SHORT"],
    [120, "SHORT"],
    [121, "HALF_DAY"],
    [240, "HALF_DAY"],
    [241, "FULL_DAY"],
  ] as const)("%i counted minutes is %s", (durationMinutes, category) => {
    expect(fee(jonkoping, { durationMinutes }).category).toBe(category);
  });

  it("counts travel time toward the length when the schedule says so", () => {
    const result = fee(jonkoping, { durationMinutes: 100, travelMinutes: 30 });
    expect(result.countedMinutes).toBe(130);
    expect(result.category).toBe("HALF_DAY");
  });

  it("ignores travel time when the schedule does not count it", () => {
    const result = fee({ ...jonkoping, travelTimeCounts: false }, { durationMinutes: 100, travelMinutes: 30 });
    expect(result.countedMinutes).toBe(100);
    expect(result.category).toBe("SHORT");
    expect(result.explanation[0]?.sv).toBe("Tid som räknas: 1 h 40 min (restid 30 min räknas inte).");
  });

  it("offers the hourly rate only instead of the short-occasion fee", () => {
    expect(failure(jonkoping, { durationMinutes: 180, hourly: true })).toBe("HOURLY_ONLY_FOR_SHORT");
    // Travel pushes the occasion past the short limit, so the hourly rate no longer applies.
    expect(failure(jonkoping, { durationMinutes: 110, travelMinutes: 20, hourly: true })).toBe("HOURLY_ONLY_FOR_SHORT");
  });
});

describe("preparation, mileage and expenses", () => {
  it("adds mileage and expenses untaxed on top of the fee", () => {
    const result = fee(jonkoping, {
      durationMinutes: 300,
      mileageKm: 42,
      expenses: [
        { description: "Parkering", amountOre: 4_500 },
        { description: "Tåg", amountOre: 12_000 },
      ],
    });
    expect(result.mileageOre).toBe(kr(105)); // 42 km × 2.50 kr
    expect(result.expensesOre).toBe(16_500);
    expect(result.withholdingOre).toBe(kr(618));
    expect(result.netOre).toBe(kr(2063) - kr(618) + kr(105) + 16_500);
    expect(result.explanation.map((line) => line.sv)).toContain("Milersättning: 42 km × 2,50 kr = 105 kr.");
    expect(result.explanation.map((line) => line.sv)).toContain("Utlägg (2 st): 165 kr.");
  });

  it("pays fractional kilometres to the nearest öre", () => {
    expect(fee(jonkoping, { mileageKm: 12.3 }).mileageOre).toBe(3_075);
  });

  it("pays agreed preparation at the schedule's hourly rate, taxed like the fee", () => {
    const result = fee(jonkoping, { durationMinutes: 300, preparationMinutes: 90 });
    expect(result.preparationOre).toBe(kr(429)); // 1.5 h × 286 kr
    expect(result.taxableOre).toBe(kr(2063 + 429));
    expect(result.withholdingOre).toBe(kr(747)); // 30 % of 2 492 = 747.60
  });

  it("records but does not pay preparation when the schedule includes it in the fee", () => {
    const schedule = { ...jonkoping, preparationPaid: false, preparationHourlyValue: null };
    const result = fee(schedule, { durationMinutes: 300, preparationMinutes: 90 });
    expect(result.preparationOre).toBe(0);
    expect(result.explanation.map((line) => line.en)).toContain("Preparation (1 h 30 min) is included in the fee and not paid separately.");
  });
});

describe("VGR: fixed amounts", () => {
  it("pays 931 kr for a half day and 1 863 kr for a full day, whatever the year", () => {
    for (const occasionDate of ["2024-05-14", "2026-03-02"]) {
      expect(fee(vgr, { occasionDate, durationMinutes: 180 })).toMatchObject({ category: "HALF_DAY", grossOre: kr(931) });
      expect(fee(vgr, { occasionDate, durationMinutes: 300 })).toMatchObject({ category: "FULL_DAY", grossOre: kr(1863) });
    }
  });

  it("has no short category: one hour is a half day", () => {
    expect(fee(vgr, { durationMinutes: 60 }).category).toBe("HALF_DAY");
  });

  it("does not need a price base amount", () => {
    const result = fee(vgr, { occasionDate: "2030-01-10", priceBaseAmounts: new Map() });
    expect(result.pbbYear).toBeNull();
    expect(result.explanation[1]?.sv).toBe("Halvdag (upp till 4 h): fast belopp 931 kr.");
  });

  it("pays as a fee without withholding, adding travel", () => {
    const result = fee(vgr, { durationMinutes: 300, mileageKm: 20, expenses: [{ description: "Buss", amountOre: 6_000 }] });
    expect(result.payoutMethod).toBe("FEE");
    expect(result.withholdingOre).toBe(0);
    expect(result.socialFeesOre).toBeNull();
    expect(result.netOre).toBe(kr(1863) + kr(50) + kr(60));
  });

  it("offers no hourly rate", () => {
    expect(failure(vgr, { hourly: true })).toBe("HOURLY_NOT_OFFERED");
  });
});

describe("the schedule valid on the occasion's date", () => {
  const before: FeeScheduleVersion = { ...jonkoping, validTo: "2026-01-01" };
  const after: FeeScheduleVersion = {
    ...jonkoping,
    categories: [
      { category: "SHORT", upToMinutes: 120, value: 100 },
      { category: "HALF_DAY", upToMinutes: 240, value: 200 },
      { category: "FULL_DAY", upToMinutes: null, value: 400 },
    ],
    validFrom: "2026-01-01",
    validTo: null,
  };
  const versions = [after, before];

  it("computes each claim with the version valid on its date across a version change", () => {
    const compute = (occasionDate: string) => {
      const schedule = selectScheduleVersion(versions, occasionDate);
      if (schedule === null) throw new Error("no version");
      return fee(schedule, { occasionDate, durationMinutes: 300 }).grossOre;
    };
    expect(compute("2025-12-31")).toBe(kr(2117)); // 3.6 % of 58 800
    expect(compute("2026-01-01")).toBe(kr(2368)); // 4.0 % of 59 200
  });

  it("refuses a version that is not valid on the occasion's date", () => {
    expect(failure(before, { occasionDate: "2026-01-01" })).toBe("OUTSIDE_SCHEDULE_VALIDITY");
    expect(failure(after, { occasionDate: "2025-12-31" })).toBe("OUTSIDE_SCHEDULE_VALIDITY");
  });
});

describe("typed failures", () => {
  it("needs the price base amount of the occasion's year", () => {
    const result = computeFee(input(jonkoping, { occasionDate: "2019-06-01" }));
    expect(result).toMatchObject({ ok: false, failure: { code: "NO_PRICE_BASE_AMOUNT", field: "occasionDate" } });
    if (!result.ok) expect(result.failure.message.sv).toContain("Prisbasbeloppet för 2019 saknas");
  });

  it.each([
    [{ durationMinutes: 0 }, "ZERO_DURATION"],
    [{ durationMinutes: 0, travelMinutes: 60 }, "ZERO_DURATION"],
    [{ durationMinutes: -30 }, "INVALID_DURATION"],
    [{ durationMinutes: 12.5 }, "INVALID_DURATION"],
    [{ travelMinutes: -1 }, "INVALID_DURATION"],
    [{ preparationMinutes: Number.NaN }, "INVALID_DURATION"],
    [{ mileageKm: -3 }, "INVALID_AMOUNT"],
    [{ mileageKm: Number.POSITIVE_INFINITY }, "INVALID_AMOUNT"],
    [{ expenses: [{ description: "Lunch", amountOre: -100 }] }, "INVALID_AMOUNT"],
    [{ expenses: [{ description: "Lunch", amountOre: 10.5 }] }, "INVALID_AMOUNT"],
    [{ occasionDate: "2024-02-30" }, "INVALID_OCCASION_DATE"],
    [{ occasionDate: "14/5/2024" }, "INVALID_OCCASION_DATE"],
    [{ occasionDate: "2017-08-22" }, "OUTSIDE_SCHEDULE_VALIDITY"],
  ] as const)("%o → %s", (overrides, code) => {
    expect(failure(jonkoping, overrides as Partial<FeeInput>)).toBe(code);
  });

  it("names the failing expense", () => {
    const result = computeFee(
      input(jonkoping, {
        expenses: [
          { description: "Tåg", amountOre: 100 },
          { description: "Taxi", amountOre: -1 },
        ],
      }),
    );
    expect(result).toMatchObject({ ok: false, failure: { field: "expenses[1].amountOre" } });
  });

  it("reports a length no category covers in a schedule without an open-ended category", () => {
    const closed = { ...jonkoping, categories: jonkoping.categories.slice(0, 2) };
    expect(failure(closed, { durationMinutes: 300 })).toBe("NO_CATEGORY");
  });
});
