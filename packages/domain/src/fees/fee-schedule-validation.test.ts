import { describe, expect, it } from "vitest";
import { jonkopingFeeSchedules, vgrFeeSchedules } from "../seed-data/regions.js";
import type { FeeScheduleVersion } from "./fee-schedule.js";
import { validateFeeSchedule } from "./fee-schedule-validation.js";

const [jonkoping] = jonkopingFeeSchedules;
const [vgr] = vgrFeeSchedules;
if (!jonkoping || !vgr) throw new Error("seed schedules missing");

const codes = (version: FeeScheduleVersion) => validateFeeSchedule(version).map((e) => [e.field, e.code]);
// Without the hourly rate, which would also complain whenever SHORT is missing.
const withCategories = (categories: unknown) => ({ ...jonkoping, hourlyValue: null, categories }) as unknown as FeeScheduleVersion;

describe("validateFeeSchedule", () => {
  it("accepts the seeded schedules", () => {
    expect(codes(jonkoping)).toEqual([]);
    expect(codes(vgr)).toEqual([]);
  });

  it("requires increasing thresholds", () => {
    const errors = validateFeeSchedule(
      withCategories([
        { category: "SHORT", upToMinutes: 240, value: 90 },
        { category: "HALF_DAY", upToMinutes: 120, value: 180 },
        { category: "FULL_DAY", upToMinutes: null, value: 360 },
      ]),
    );
    expect(errors.map((e) => [e.field, e.code])).toEqual([["input.categories[1].upToMinutes", "MUST_BE_GREATER"]]);
    expect(errors[0]?.message).toEqual({
      sv: "Kategori 2: övre gräns i minuter måste vara större än föregående kategoris gräns.",
      en: "Category 2: upper limit in minutes must be greater than the previous category's limit.",
    });
  });

  it("requires the last category to be open-ended and the others to have a limit", () => {
    expect(
      codes(
        withCategories([
          { category: "SHORT", upToMinutes: null, value: 90 },
          { category: "FULL_DAY", upToMinutes: 480, value: 360 },
        ]),
      ),
    ).toEqual([
      ["input.categories[0].upToMinutes", "REQUIRED"],
      ["input.categories[1].upToMinutes", "NOT_ALLOWED"],
    ]);
    expect(
      codes(
        withCategories([
          { category: "SHORT", upToMinutes: 0, value: 90 },
          { category: "FULL_DAY", upToMinutes: null, value: 1 },
        ]),
      ),
    ).toEqual([["input.categories[0].upToMinutes", "OUT_OF_RANGE"]]);
  });

  it("requires known categories, once each, shortest first", () => {
    expect(
      codes(
        withCategories([
          { category: "HALF_DAY", upToMinutes: 240, value: 180 },
          { category: "SHORT", upToMinutes: 300, value: 90 },
          { category: "SHORT", upToMinutes: 400, value: 90 },
          { category: "HOURLY", upToMinutes: 500, value: 50 },
          { category: "FULL_DAY", upToMinutes: null, value: 360 },
        ]),
      ),
    ).toEqual([
      ["input.categories[1].category", "NOT_ALLOWED"],
      ["input.categories[2].category", "DUPLICATE"],
      ["input.categories[3].category", "NOT_ALLOWED"],
    ]);
    expect(codes(withCategories([]))).toEqual([["input.categories", "TOO_FEW"]]);
  });

  it("requires non-negative integer amounts within sane bounds for the basis", () => {
    expect(codes(withCategories([{ category: "FULL_DAY", upToMinutes: null, value: -1 }]))).toEqual([
      ["input.categories[0].value", "OUT_OF_RANGE"],
    ]);
    expect(codes(withCategories([{ category: "FULL_DAY", upToMinutes: null, value: 10_001 }]))).toEqual([
      ["input.categories[0].value", "OUT_OF_RANGE"],
    ]);
    expect(codes(withCategories([{ category: "FULL_DAY", upToMinutes: null, value: 3.6 }]))).toEqual([
      ["input.categories[0].value", "OUT_OF_RANGE"],
    ]);
    // 10 001 öre is fine under fixed amounts.
    expect(codes({ ...vgr, categories: [{ category: "FULL_DAY", upToMinutes: null, value: 10_001 }] })).toEqual([]);
  });

  it("checks the hourly rate, which needs a short category", () => {
    expect(codes({ ...jonkoping, hourlyValue: -50 })).toEqual([["input.hourlyValue", "OUT_OF_RANGE"]]);
    expect(codes({ ...vgr, hourlyValue: 20_000 })).toEqual([["input.hourlyValue", "NOT_ALLOWED"]]);
  });

  it("keeps withholding between 0 and 100 % and only for salary", () => {
    expect(codes({ ...jonkoping, withholdingBasisPoints: 10_001 })).toEqual([["input.withholdingBasisPoints", "OUT_OF_RANGE"]]);
    expect(codes({ ...jonkoping, withholdingBasisPoints: -1 })).toEqual([["input.withholdingBasisPoints", "OUT_OF_RANGE"]]);
    expect(codes({ ...jonkoping, withholdingBasisPoints: 10_000 })).toEqual([]);
    expect(codes({ ...vgr, withholdingBasisPoints: 3000 })).toEqual([["input.withholdingBasisPoints", "NOT_ALLOWED"]]);
    expect(codes({ ...jonkoping, employerSocialFeeBasisPoints: 12_000 })).toEqual([["input.employerSocialFeeBasisPoints", "OUT_OF_RANGE"]]);
  });

  it("requires a preparation rate exactly when preparation is paid", () => {
    expect(codes({ ...jonkoping, preparationHourlyValue: null })).toEqual([["input.preparationHourlyValue", "REQUIRED"]]);
    expect(codes({ ...jonkoping, preparationPaid: false })).toEqual([["input.preparationHourlyValue", "NOT_ALLOWED"]]);
    expect(codes({ ...jonkoping, preparationPaid: false, preparationHourlyValue: null })).toEqual([]);
  });

  it("checks enums, mileage and dates", () => {
    const broken = {
      ...jonkoping,
      basis: "PERCENT",
      rounding: "UP",
      payoutMethod: "CASH",
      mileageOrePerKm: -250,
      validFrom: "2024-02-30",
    } as unknown as FeeScheduleVersion;
    expect(codes(broken)).toEqual([
      ["input.basis", "NOT_ALLOWED"],
      ["input.rounding", "NOT_ALLOWED"],
      ["input.mileageOrePerKm", "OUT_OF_RANGE"],
      ["input.payoutMethod", "NOT_ALLOWED"],
      ["input.validFrom", "INVALID_DATE"],
    ]);
    expect(codes({ ...jonkoping, validTo: "2017-08-23" })).toEqual([["input.validTo", "MUST_BE_AFTER"]]);
    expect(codes({ ...jonkoping, validTo: "2030-01-01" })).toEqual([]);
  });

  it("writes messages that name the field in both languages", () => {
    const [error] = validateFeeSchedule({ ...jonkoping, mileageOrePerKm: -1 }, "input.schedule");
    expect(error).toEqual({
      field: "input.schedule.mileageOrePerKm",
      code: "OUT_OF_RANGE",
      message: {
        sv: "Milersättning per km måste vara mellan 0 och 10000.",
        en: "Mileage rate per km must be between 0 and 10000.",
      },
    });
  });
});
