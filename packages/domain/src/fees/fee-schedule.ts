import type { LocalizedText } from "../messages/locale.js";

// A fee schedule version says how a region pays a participant for one occasion. Regions either
// pay fixed amounts (VGR: 931 kr per half day) or a share of the national price base amount
// of the occasion's year (Jönköping and the national model: 3.6 % per full day). Amounts are
// integers throughout: öre for money, basis points (1/100 of a per cent) for shares.

export const FEE_BASES = ["FIXED_AMOUNTS", "SHARE_OF_PRICE_BASE_AMOUNT"] as const;
export type FeeBasis = (typeof FEE_BASES)[number];

export const FEE_CATEGORIES = ["SHORT", "HALF_DAY", "FULL_DAY", "HOURLY"] as const;
export type FeeCategory = (typeof FEE_CATEGORIES)[number];

/** The categories chosen by the length of an occasion, shortest first. HOURLY is chosen by the claimant instead. */
export const DURATION_CATEGORIES = ["SHORT", "HALF_DAY", "FULL_DAY"] as const;
export type DurationCategory = (typeof DURATION_CATEGORIES)[number];

export const PAYOUT_METHODS = ["SALARY", "FEE"] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

export const FEE_ROUNDINGS = ["NEAREST_KRONA_HALF_EVEN", "NEAREST_KRONA_HALF_UP", "DOWN_TO_KRONA", "EXACT_ORE"] as const;
export type FeeRounding = (typeof FEE_ROUNDINGS)[number];

/**
 * Where an hourly fee is rounded: the total (rate × time, rounded once) or the rate itself first (rounded per hour,
 * then multiplied). Jönköping publishes its hourly rate as 286 kr (0.5 % of 57 300 kr = 286.50 kr), so two hours pay
 * 572 kr there; rounding the total would pay 573 kr. A region's own rule, so part of its schedule.
 */
export const HOURLY_RATE_ROUNDINGS = ["ROUND_TOTAL", "ROUND_RATE"] as const;
export type HourlyRateRounding = (typeof HOURLY_RATE_ROUNDINGS)[number];

export interface DurationCategoryRule {
  readonly category: DurationCategory;
  /**
   * Longest occasion, in minutes, that still falls in this category (inclusive); null for the
   * last, open-ended category. The lower bound is the previous category's `upToMinutes`,
   * exclusive (0 for the first). Jönköping: SHORT up to 120, HALF_DAY up to 240, FULL_DAY null —
   * so exactly 2 h is short and exactly 4 h is a half day ("more than 4 h" is a full day).
   */
  readonly upToMinutes: number | null;
  /** Öre under FIXED_AMOUNTS; basis points of the price base amount under SHARE_OF_PRICE_BASE_AMOUNT. */
  readonly value: number;
}

export interface FeeScheduleVersion {
  readonly basis: FeeBasis;
  /** Shortest first, the last one open-ended. */
  readonly categories: readonly DurationCategoryRule[];
  /** Rate per hour (unit as `value` above) that a claimant may choose instead of SHORT; null if not offered. */
  readonly hourlyValue: number | null;
  /** Whether travel time counts toward the occasion's length when choosing the category. */
  readonly travelTimeCounts: boolean;
  readonly rounding: FeeRounding;
  /** Whether hourly rates (the hourly fee and paid preparation) are rounded per hour before multiplying. */
  readonly hourlyRateRounding: HourlyRateRounding;
  readonly mileageOrePerKm: number;
  /** Whether agreed preparation time is paid on top of the occasion's fee. */
  readonly preparationPaid: boolean;
  /** Rate per hour of preparation (unit as `value` above); set exactly when preparation is paid. */
  readonly preparationHourlyValue: number | null;
  readonly payoutMethod: PayoutMethod;
  /** Tax withheld when paid as salary, in basis points of the taxable amount (3000 = 30 %); 0 for FEE. */
  readonly withholdingBasisPoints: number;
  /** Employer's social fees in basis points, shown to the payer for information only; never deducted. */
  readonly employerSocialFeeBasisPoints: number | null;
  /** First day the version applies (ISO date, inclusive). */
  readonly validFrom: string;
  /** First day it no longer applies (ISO date, exclusive); null while open-ended. */
  readonly validTo: string | null;
}

export function isDurationCategory(value: unknown): value is DurationCategory {
  return (DURATION_CATEGORIES as readonly unknown[]).includes(value);
}

/**
 * The duration category of an occasion lasting `minutes` (already including travel time if the
 * schedule counts it), or null when the length is not positive or no category covers it.
 */
export function categorize(minutes: number, schedule: Pick<FeeScheduleVersion, "categories">): DurationCategory | null {
  if (!(minutes > 0)) return null;
  const rule = schedule.categories.find(({ upToMinutes }) => upToMinutes === null || minutes <= upToMinutes);
  return rule?.category ?? null;
}

export const FEE_CATEGORY_LABELS: Readonly<Record<FeeCategory, LocalizedText>> = {
  SHORT: { sv: "Kort uppdrag", en: "Short occasion" },
  HALF_DAY: { sv: "Halvdag", en: "Half day" },
  FULL_DAY: { sv: "Heldag", en: "Full day" },
  HOURLY: { sv: "Timarvode", en: "Hourly fee" },
};
