import { describe, expect, it } from "vitest";
import { NATIONAL_PRICE_BASE_AMOUNTS } from "../../seed-data/price-base-amounts.js";
import { jonkopingFeeSchedules, kalmarFeeSchedules, vgrFeeSchedules } from "../../seed-data/regions.js";
import type { FeeScheduleVersion } from "../fee-schedule.js";
import { priceBaseAmountTable } from "../price-base-amount.js";
import { type AttendanceFacts, type ClaimChoices, computeClaim, NO_CHOICES } from "./claim-computation.js";

const priceBaseAmounts = priceBaseAmountTable(NATIONAL_PRICE_BASE_AMOUNTS);
const kr = (kronor: number) => kronor * 100;

function claim(
  versions: readonly FeeScheduleVersion[],
  occasionDate: string,
  attendance: Partial<AttendanceFacts>,
  choices: Partial<ClaimChoices> = {},
) {
  const result = computeClaim({
    versions,
    occasionDate,
    attendance: { attended: true, durationMinutes: 60, travelMinutes: 0, ...attendance },
    choices: { ...NO_CHOICES, ...choices },
    priceBaseAmounts,
  });
  if (!result.ok) throw new Error(`expected a claim, got ${result.failure.code}`);
  return result.fee;
}

describe("Jönköping: paid as salary with 30 % withheld", () => {
  it.each([
    // 2024, PBB 57 300: the governing document's own examples.
    ["2024-05-14", 300, 0, false, "FULL_DAY", 2063, 618],
    ["2024-05-14", 180, 0, false, "HALF_DAY", 1031, 309],
    ["2024-05-14", 60, 0, true, "HOURLY", 286, 85],
    // The same occasions in 2026, PBB 59 200.
    ["2026-03-02", 300, 0, false, "FULL_DAY", 2131, 639],
    ["2026-03-02", 180, 0, false, "HALF_DAY", 1066, 319],
    ["2026-03-02", 60, 0, true, "HOURLY", 296, 88],
  ] as const)("%s, %i min (hourly %s) → %s %i kr, %i kr withheld", (date, minutes, travel, hourly, category, gross, withheld) => {
    const fee = claim(jonkopingFeeSchedules, date, { durationMinutes: minutes, travelMinutes: travel }, { hourly });
    expect(fee.category).toBe(category);
    expect(fee.grossOre).toBe(kr(gross));
    expect(fee.withholdingOre).toBe(kr(withheld));
    expect(fee.netOre).toBe(kr(gross - withheld));
  });

  it("counts travel time: 3 h 45 min on site plus 30 min travel is a full day", () => {
    const fee = claim(jonkopingFeeSchedules, "2024-05-14", { durationMinutes: 225, travelMinutes: 30 });
    expect(fee.countedMinutes).toBe(255);
    expect(fee.category).toBe("FULL_DAY");
    expect(fee.grossOre).toBe(kr(2063));
  });

  it("adds agreed preparation to the taxable amount and mileage and expenses untaxed", () => {
    const fee = claim(
      jonkopingFeeSchedules,
      "2024-05-14",
      { durationMinutes: 180 },
      { preparationMinutes: 60, mileageKm: 84, expenses: [{ description: "Parkering", amountOre: 6_000 }] },
    );
    expect(fee.preparationOre).toBe(kr(286));
    expect(fee.taxableOre).toBe(kr(1031 + 286));
    expect(fee.withholdingOre).toBe(kr(395)); // 30 % of 1 317 = 395.10, down to whole kronor
    expect(fee.mileageOre).toBe(kr(210)); // 84 km × 2.50 kr
    expect(fee.netOre).toBe(kr(1317 - 395 + 210 + 60));
    expect(fee.socialFeesOre).toBe(41_380); // 31.42 % of 1 317 kr, information only
  });
});

describe("VGR: fixed amounts paid as a fee", () => {
  it("pays 931 kr per half day and 1 863 kr per full day plus mileage, nothing withheld", () => {
    const half = claim(vgrFeeSchedules, "2026-04-20", { durationMinutes: 150, travelMinutes: 40 }, { mileageKm: 56 });
    expect(half).toMatchObject({ category: "HALF_DAY", grossOre: kr(931), mileageOre: kr(140), withholdingOre: 0, netOre: kr(1071) });
    const full = claim(vgrFeeSchedules, "2026-04-20", { durationMinutes: 240, travelMinutes: 40 }, { mileageKm: 56 });
    expect(full).toMatchObject({ category: "FULL_DAY", grossOre: kr(1863), netOre: kr(2003), socialFeesOre: null });
  });
});

describe("a schedule changed in the middle of a year", () => {
  const [current] = kalmarFeeSchedules as [FeeScheduleVersion];
  const spring: FeeScheduleVersion = { ...current, validFrom: "2021-11-26", validTo: "2026-07-01" };
  const autumn: FeeScheduleVersion = {
    ...current,
    categories: [
      { category: "SHORT", upToMinutes: 120, value: 100 },
      { category: "HALF_DAY", upToMinutes: 240, value: 200 },
      { category: "FULL_DAY", upToMinutes: null, value: 400 },
    ],
    validFrom: "2026-07-01",
    validTo: null,
  };

  it("computes each occasion with the version valid on its date, whenever the claim is made", () => {
    const versions = [autumn, spring];
    expect(claim(versions, "2026-06-30", { durationMinutes: 300 }).grossOre).toBe(kr(2131)); // 3.6 % of 59 200 = 2 131.20
    expect(claim(versions, "2026-07-01", { durationMinutes: 300 }).grossOre).toBe(kr(2368)); // 4.0 % of 59 200
  });

  it("names the version it used", () => {
    const result = computeClaim({
      versions: [autumn, spring],
      occasionDate: "2026-07-01",
      attendance: { attended: true, durationMinutes: 300, travelMinutes: 0 },
      choices: NO_CHOICES,
      priceBaseAmounts,
    });
    expect(result.ok && result.version).toBe(autumn);
  });
});

describe("rounding to whole kronor as the documents do", () => {
  it("Jönköping rounds 286.50 kr half to even and the national model (Kalmar) half up", () => {
    expect(claim(jonkopingFeeSchedules, "2024-05-14", { durationMinutes: 60 }, { hourly: true }).grossOre).toBe(kr(286));
    expect(claim(kalmarFeeSchedules, "2024-05-14", { durationMinutes: 60 }, { hourly: true }).grossOre).toBe(kr(287));
  });

  it("withholds whole kronor, rounded down", () => {
    const fee = claim(kalmarFeeSchedules, "2026-03-02", { durationMinutes: 300 });
    expect(fee.withholdingOre % 100).toBe(0);
    expect(fee.withholdingOre).toBe(kr(639)); // 30 % of 2 131 = 639.30
  });
});

describe("refusals", () => {
  const failure = (attendance: Partial<AttendanceFacts>, occasionDate = "2024-05-14", choices: Partial<ClaimChoices> = {}) => {
    const result = computeClaim({
      versions: jonkopingFeeSchedules,
      occasionDate,
      attendance: { attended: true, durationMinutes: 60, travelMinutes: 0, ...attendance },
      choices: { ...NO_CHOICES, ...choices },
      priceBaseAmounts,
    });
    return result.ok ? null : result.failure;
  };

  it("gives no claim for someone who did not attend", () => {
    expect(failure({ attended: false })?.code).toBe("NOT_ATTENDED");
  });

  it("names a date no schedule version covers", () => {
    expect(failure({}, "2016-01-01")).toMatchObject({ code: "NO_SCHEDULE_VERSION", field: "occasionDate" });
  });

  it("passes the fee rules' own refusals through", () => {
    expect(failure({ durationMinutes: 180 }, "2024-05-14", { hourly: true })?.code).toBe("HOURLY_ONLY_FOR_SHORT");
  });
});
