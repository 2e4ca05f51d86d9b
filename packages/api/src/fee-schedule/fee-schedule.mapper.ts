import { dateColumn, type FeeScheduleVersion as FeeScheduleVersionRow, feeScheduleVersionColumns, type Prisma } from "@medverkan/database";
import {
  type FeeScheduleVersion as DomainVersion,
  type DurationCategoryRule,
  isDurationCategory,
  type ValidityStatus,
  validityStatus,
} from "@medverkan/domain";
import type { FeeScheduleRow } from "./fee-schedule.repository.js";
import type { FeeRate, FeeSchedule, FeeScheduleVersion } from "./fee-schedule.type.js";
import { money } from "./money.type.js";

// Calendar dates are `date` columns: Prisma reads them as midnight UTC, so the ISO date is the UTC day.
export const isoDate = (value: Date): string => value.toISOString().slice(0, 10);

/**
 * The stored `categories` column as the domain reads it. It was validated before it was written; anything else is a
 * corrupt row, a bug to surface (masked as an internal error) rather than a shape to guess at.
 */
function parseCategories(json: Prisma.JsonValue, versionId: string): DurationCategoryRule[] {
  if (!Array.isArray(json)) throw new Error(`Fee schedule version ${versionId}: categories is not a list`);
  return json.map((entry, index) => {
    const rule = entry as { category?: unknown; upToMinutes?: unknown; value?: unknown } | null;
    if (
      !rule ||
      !isDurationCategory(rule.category) ||
      !Number.isInteger(rule.value) ||
      !(rule.upToMinutes === null || Number.isInteger(rule.upToMinutes))
    ) {
      throw new Error(`Fee schedule version ${versionId}: category ${index} is malformed`);
    }
    return { category: rule.category, upToMinutes: rule.upToMinutes as number | null, value: rule.value as number };
  });
}

/** A stored version as the domain's validation and fee computation read it. */
export function toDomainVersion(row: FeeScheduleVersionRow): DomainVersion {
  return {
    basis: row.basis,
    categories: parseCategories(row.categories, row.id),
    hourlyValue: row.hourlyValue,
    travelTimeCounts: row.travelTimeCounts,
    rounding: row.rounding,
    hourlyRateRounding: row.hourlyRateRounding,
    mileageOrePerKm: row.mileageOrePerKm,
    preparationPaid: row.preparationPaid,
    preparationHourlyValue: row.preparationHourlyValue,
    payoutMethod: row.payoutMethod,
    withholdingBasisPoints: row.withholdingBasisPoints,
    employerSocialFeeBasisPoints: row.employerSocialFeeBasisPoints,
    validFrom: isoDate(row.validFrom),
    validTo: row.validTo ? isoDate(row.validTo) : null,
  };
}

/** The domain's version as columns (one mapping, shared with the seed). */
export const versionColumns = feeScheduleVersionColumns;
export { dateColumn };

function rate(version: DomainVersion, value: number, currency: string): FeeRate {
  return version.basis === "FIXED_AMOUNTS"
    ? { value, amount: money(value, currency), basisPoints: null }
    : { value, amount: null, basisPoints: value };
}

export function toFeeScheduleVersion(row: FeeScheduleVersionRow, today: string, currency: string): FeeScheduleVersion {
  const version = toDomainVersion(row);
  return {
    id: row.id,
    validFrom: version.validFrom,
    validTo: version.validTo,
    status: validityStatus(version, today) satisfies ValidityStatus,
    basis: version.basis,
    categories: version.categories.map((rule) => ({
      category: rule.category,
      upToMinutes: rule.upToMinutes,
      rate: rate(version, rule.value, currency),
    })),
    hourlyRate: version.hourlyValue === null ? null : rate(version, version.hourlyValue, currency),
    travelTimeCounts: version.travelTimeCounts,
    rounding: version.rounding,
    hourlyRateRounding: version.hourlyRateRounding,
    mileagePerKm: money(version.mileageOrePerKm, currency),
    preparationPaid: version.preparationPaid,
    preparationHourlyRate: version.preparationHourlyValue === null ? null : rate(version, version.preparationHourlyValue, currency),
    payoutMethod: version.payoutMethod,
    withholdingBasisPoints: version.withholdingBasisPoints,
    employerSocialFeeBasisPoints: version.employerSocialFeeBasisPoints,
    sourceDocument: row.sourceDocument,
    createdAt: row.createdAt,
  };
}

export function toFeeSchedule(row: FeeScheduleRow, calendar: { today: string; currency: string }): FeeSchedule {
  return {
    id: row.id,
    tenantId: row.tenantId,
    today: calendar.today,
    currency: calendar.currency,
    name: row.name,
    isTenantDefault: row.isTenantDefault,
    createdAt: row.createdAt,
    retiredAt: row.retiredAt,
    version: row.version,
  };
}

/** What the audit log keeps of a version: the rules as the domain reads them. */
export function versionSnapshot(row: FeeScheduleVersionRow) {
  return { id: row.id, feeScheduleId: row.feeScheduleId, ...toDomainVersion(row), sourceDocument: row.sourceDocument };
}

export function scheduleSnapshot(row: FeeScheduleRow) {
  return { id: row.id, name: row.name, isTenantDefault: row.isTenantDefault, retiredAt: row.retiredAt, version: row.version };
}
