import { isIsoDate } from "../calendar/iso-date.js";
import { type FieldError, fieldError, itemLabel, nestedLabel } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { checkInteger, checkOneOf } from "../validation/checks.js";
import {
  DURATION_CATEGORIES,
  FEE_BASES,
  FEE_ROUNDINGS,
  type FeeScheduleVersion,
  HOURLY_RATE_ROUNDINGS,
  isDurationCategory,
  PAYOUT_METHODS,
} from "./fee-schedule.js";

// Checks a fee schedule version a tenant administrator saves, so that computeFee never meets a
// schedule it cannot apply (a gap in the thresholds, a negative rate, 130 % withholding).

const L = {
  basis: { sv: "Grund för arvode", en: "Fee basis" },
  categories: { sv: "Kategorier", en: "Categories" },
  category: { sv: "Kategori", en: "Category" },
  kind: { sv: "Typ", en: "Type" },
  upToMinutes: { sv: "Övre gräns i minuter", en: "Upper limit in minutes" },
  value: { sv: "Belopp", en: "Amount" },
  hourlyValue: { sv: "Timarvode", en: "Hourly rate" },
  rounding: { sv: "Avrundning", en: "Rounding" },
  hourlyRateRounding: { sv: "Avrundning av timarvode", en: "Rounding of hourly rates" },
  mileage: { sv: "Milersättning per km", en: "Mileage rate per km" },
  preparationPaid: { sv: "Ersättning för förberedelse", en: "Paid preparation" },
  preparationHourlyValue: { sv: "Timarvode för förberedelse", en: "Hourly rate for preparation" },
  payoutMethod: { sv: "Utbetalningssätt", en: "Payout method" },
  withholding: { sv: "Skatteavdrag", en: "Tax withholding" },
  socialFees: { sv: "Arbetsgivaravgifter", en: "Employer's social fees" },
  validFrom: { sv: "Giltig från", en: "Valid from" },
  validTo: { sv: "Giltig till", en: "Valid to" },
} as const satisfies Record<string, LocalizedText>;

// Generous ceilings that still catch a misplaced zero: a whole price base amount per occasion,
// 100 000 kr per occasion or hour, 100 kr per km. Shares and tax rates are capped at 100 %.
const MAX_BASIS_POINTS = 10_000;
const MAX_FIXED_ORE = 10_000_000;
const MAX_MILEAGE_ORE_PER_KM = 10_000;
const MAX_THRESHOLD_MINUTES = 24 * 60;

export function validateFeeSchedule(version: FeeScheduleVersion, path = "input"): FieldError[] {
  const errors: FieldError[] = [];
  const basisIsKnown = checkOneOf(errors, `${path}.basis`, L.basis, version.basis, FEE_BASES);
  const valueRule = {
    min: 0,
    max: basisIsKnown && version.basis === "SHARE_OF_PRICE_BASE_AMOUNT" ? MAX_BASIS_POINTS : MAX_FIXED_ORE,
  };

  validateCategories(errors, version, path, valueRule);

  if (version.hourlyValue !== null) {
    const field = `${path}.hourlyValue`;
    if (checkInteger(errors, field, L.hourlyValue, version.hourlyValue, valueRule)) {
      if (!version.categories.some((rule) => rule.category === "SHORT")) {
        errors.push(
          fieldError(field, "NOT_ALLOWED", L.hourlyValue, {
            hint: {
              sv: "Timarvode ersätter arvodet för kort uppdrag och kräver därför kategorin kort uppdrag.",
              en: "The hourly rate replaces the short-occasion fee, so the schedule needs a short category.",
            },
          }),
        );
      }
    }
  }

  checkOneOf(errors, `${path}.rounding`, L.rounding, version.rounding, FEE_ROUNDINGS);
  checkOneOf(errors, `${path}.hourlyRateRounding`, L.hourlyRateRounding, version.hourlyRateRounding, HOURLY_RATE_ROUNDINGS);
  checkInteger(errors, `${path}.mileageOrePerKm`, L.mileage, version.mileageOrePerKm, {
    min: 0,
    max: MAX_MILEAGE_ORE_PER_KM,
  });

  if (version.preparationPaid) {
    checkInteger(errors, `${path}.preparationHourlyValue`, L.preparationHourlyValue, version.preparationHourlyValue, valueRule);
  } else if (version.preparationHourlyValue !== null) {
    errors.push(
      fieldError(`${path}.preparationHourlyValue`, "NOT_ALLOWED", L.preparationHourlyValue, {
        hint: { sv: "Förberedelse ersätts inte enligt dessa regler.", en: "This schedule does not pay preparation." },
      }),
    );
  }

  const payoutIsKnown = checkOneOf(errors, `${path}.payoutMethod`, L.payoutMethod, version.payoutMethod, PAYOUT_METHODS);
  const withholdingField = `${path}.withholdingBasisPoints`;
  if (
    checkInteger(errors, withholdingField, L.withholding, version.withholdingBasisPoints, {
      min: 0,
      max: MAX_BASIS_POINTS,
    }) &&
    payoutIsKnown &&
    version.payoutMethod === "FEE" &&
    version.withholdingBasisPoints > 0
  ) {
    errors.push(
      fieldError(withholdingField, "NOT_ALLOWED", L.withholding, {
        hint: {
          sv: "Skatt dras bara när arvodet betalas ut som lön.",
          en: "Tax is only withheld when the fee is paid as salary.",
        },
      }),
    );
  }
  if (version.employerSocialFeeBasisPoints !== null) {
    checkInteger(errors, `${path}.employerSocialFeeBasisPoints`, L.socialFees, version.employerSocialFeeBasisPoints, {
      min: 0,
      max: MAX_BASIS_POINTS,
    });
  }

  if (!isIsoDate(version.validFrom)) {
    errors.push(fieldError(`${path}.validFrom`, "INVALID_DATE", L.validFrom));
  }
  if (version.validTo !== null) {
    if (!isIsoDate(version.validTo)) {
      errors.push(fieldError(`${path}.validTo`, "INVALID_DATE", L.validTo));
    } else if (isIsoDate(version.validFrom) && version.validTo <= version.validFrom) {
      errors.push(fieldError(`${path}.validTo`, "MUST_BE_AFTER", L.validTo, { other: { sv: "giltig från", en: "valid from" } }));
    }
  }
  return errors;
}

function validateCategories(
  errors: FieldError[],
  version: FeeScheduleVersion,
  path: string,
  valueRule: { min: number; max: number },
): void {
  const { categories } = version;
  if (categories.length === 0) {
    errors.push(fieldError(`${path}.categories`, "TOO_FEW", L.categories, { min: 1 }));
    return;
  }
  let previousRank = -1;
  let previousLimit = 0;
  categories.forEach((rule, index) => {
    const at = `${path}.categories[${index}]`;
    const label = itemLabel(L.category, index);
    const isLast = index === categories.length - 1;

    if (!isDurationCategory(rule.category)) {
      errors.push(
        fieldError(`${at}.category`, "NOT_ALLOWED", nestedLabel(label, L.kind), {
          hint: {
            sv: "Välj kort uppdrag, halvdag eller heldag; timarvode anges separat.",
            en: "Choose short, half day or full day; the hourly rate is set separately.",
          },
        }),
      );
    } else {
      const rank = DURATION_CATEGORIES.indexOf(rule.category);
      if (categories.findIndex((other) => other.category === rule.category) !== index) {
        errors.push(fieldError(`${at}.category`, "DUPLICATE", nestedLabel(label, L.kind)));
      } else if (rank < previousRank) {
        errors.push(
          fieldError(`${at}.category`, "NOT_ALLOWED", nestedLabel(label, L.kind), {
            hint: {
              sv: "Kategorierna ska komma i ordningen kort uppdrag, halvdag, heldag.",
              en: "Categories must come in the order short, half day, full day.",
            },
          }),
        );
      }
      previousRank = Math.max(previousRank, rank);
    }

    // Every length must fall in exactly one category: increasing limits, and the last one open.
    const limitLabel = nestedLabel(label, L.upToMinutes);
    if (isLast) {
      if (rule.upToMinutes !== null) {
        errors.push(
          fieldError(`${at}.upToMinutes`, "NOT_ALLOWED", limitLabel, {
            hint: {
              sv: "Den sista kategorin ska sakna övre gräns så att alla längder täcks.",
              en: "The last category must have no upper limit so that every length is covered.",
            },
          }),
        );
      }
    } else if (checkInteger(errors, `${at}.upToMinutes`, limitLabel, rule.upToMinutes, { min: 1, max: MAX_THRESHOLD_MINUTES })) {
      if (rule.upToMinutes <= previousLimit) {
        errors.push(
          fieldError(`${at}.upToMinutes`, "MUST_BE_GREATER", limitLabel, {
            other: { sv: "föregående kategoris gräns", en: "the previous category's limit" },
          }),
        );
      }
      previousLimit = Math.max(previousLimit, rule.upToMinutes);
    }

    checkInteger(errors, `${at}.value`, nestedLabel(label, L.value), rule.value, valueRule);
  });
}
