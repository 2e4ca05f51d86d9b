import type { FeeScheduleVersion } from "@medverkan/domain";
import type { Prisma } from "../generated/prisma/client.js";

/** A calendar date (YYYY-MM-DD) as the `@db.Date` column stores it: midnight UTC of that day. */
export const dateColumn = (isoDate: string): Date => new Date(`${isoDate}T00:00:00.000Z`);

/**
 * A domain fee schedule version as the columns of `FeeScheduleVersion`. `categories` keeps the domain's own shape
 * (`{ category, upToMinutes, value }`), which the domain's `validateFeeSchedule` and `computeFee` read back; the
 * other fields map one to one. Shared by the seed and the admin API so the two can never store it differently.
 */
export function feeScheduleVersionColumns(version: FeeScheduleVersion) {
  return {
    validFrom: dateColumn(version.validFrom),
    validTo: version.validTo === null ? null : dateColumn(version.validTo),
    basis: version.basis,
    categories: version.categories.map((rule) => ({
      category: rule.category,
      upToMinutes: rule.upToMinutes,
      value: rule.value,
    })) satisfies Prisma.InputJsonArray,
    hourlyValue: version.hourlyValue,
    travelTimeCounts: version.travelTimeCounts,
    rounding: version.rounding,
    hourlyRateRounding: version.hourlyRateRounding,
    mileageOrePerKm: version.mileageOrePerKm,
    preparationPaid: version.preparationPaid,
    preparationHourlyValue: version.preparationHourlyValue,
    payoutMethod: version.payoutMethod,
    withholdingBasisPoints: version.withholdingBasisPoints,
    employerSocialFeeBasisPoints: version.employerSocialFeeBasisPoints,
  };
}
