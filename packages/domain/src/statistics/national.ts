import type { FieldError } from "../messages/field-error.js";
import { fieldError } from "../messages/field-error.js";
import {
  MEASURE_NAMES,
  type MeasureName,
  NOT_APPLICABLE,
  round,
  SMALL_COUNT,
  type StatisticsFigure,
  type StatisticsFigures,
} from "./measures.js";
import { MAX_GROUP_BY, type StatisticsQuery, type StatisticsQueryInput, validateStatisticsQuery } from "./statistics-query.js";

// Statistics across tenants, for the platform's own staff. Each tenant's figures are that tenant's protected answer,
// computed with its own threshold exactly as its analysts get it; nothing here looks at a tenant's unpublished data.
// The national figures are built only from what the tenants published: a sum of published figures tells nothing the
// parts did not, while a sum with a withheld part would give that part away (the sum minus the published rest), just
// as countOf withholds a sum within one tenant.

/** The split by tenant counts as one grouping, so a platform question may name one fewer of the others. */
export const MAX_PLATFORM_GROUP_BY = MAX_GROUP_BY - 1;

/**
 * The figures whose national value is the sum of the tenants' values, with the decimals each tenant gives (hours
 * are given to a tenth, so their sum is rounded back to a tenth rather than showing floating-point noise).
 */
export const ADDITIVE_MEASURES: Readonly<Partial<Record<MeasureName, number>>> = {
  requestsReceived: 0,
  requestsDeclined: 0,
  requestsCancelled: 0,
  assignmentsCarriedOut: 0,
  occasionsCarriedOut: 0,
  participants: 0,
  hours: 1,
  feesGrossOre: 0,
  feesMileageOre: 0,
  feesExpensesOre: 0,
  newRegistrations: 0,
  activePoolSize: 0,
  neverAsked: 0,
  askedNeverUsed: 0,
  feedbackCount: 0,
};

// Everything else cannot be computed exactly from published parts: a median or 90th percentile of medians is not
// the national median; unique persons and concentration count people, who are separate members in each tenant; fill
// rate and mean rating would need the persons asked for and the rating sums, which no tenant publishes (a rate
// weighted by rounded published counts is not the rate). So they are not applicable nationally.

/**
 * One figure summed over parts: withheld as a small count when any part is withheld as one, not applicable when any
 * part is, and otherwise the sum (rounded to `decimals`). No parts sum to zero.
 */
export function sumOfPublished(parts: readonly StatisticsFigure[], decimals = 0): StatisticsFigure {
  if (parts.some((part) => part.withheld === "SMALL_COUNT")) return SMALL_COUNT;
  if (parts.some((part) => part.withheld === "NOT_APPLICABLE")) return NOT_APPLICABLE;
  const sum = parts.reduce((total, part) => total + (part.value ?? 0), 0);
  return { value: round(sum, decimals) as number, withheld: null };
}

/** The national figures: each additive figure summed over the tenants' published figures, the rest not applicable. */
export function nationalFigures(tenants: readonly StatisticsFigures[]): StatisticsFigures {
  return Object.fromEntries(
    MEASURE_NAMES.map((name) => {
      const decimals = ADDITIVE_MEASURES[name];
      return [
        name,
        decimals === undefined
          ? NOT_APPLICABLE
          : sumOfPublished(
              tenants.map((figures) => figures[name]),
              decimals,
            ),
      ];
    }),
  ) as Record<MeasureName, StatisticsFigure>;
}

/** A platform question: a tenant's question (period, groupings) with room left for the split by tenant. */
export function validatePlatformStatisticsQuery(
  input: StatisticsQueryInput,
  currentYear: number,
): { ok: true; query: StatisticsQuery } | { ok: false; errors: FieldError[] } {
  const validated = validateStatisticsQuery(input, currentYear);
  const tooMany = (input.groupBy?.length ?? 0) > MAX_PLATFORM_GROUP_BY;
  if (!tooMany) return validated;
  const errors = validated.ok ? [] : validated.errors.filter((error) => !(error.field === "input.groupBy" && error.code === "TOO_MANY"));
  errors.push(fieldError("input.groupBy", "TOO_MANY", { sv: "Gruppering", en: "Grouping" }, { max: MAX_PLATFORM_GROUP_BY }));
  return { ok: false, errors };
}
