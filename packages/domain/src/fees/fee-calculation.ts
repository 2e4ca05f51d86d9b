import { parseIsoDate } from "../calendar/iso-date.js";
import type { LocalizedText } from "../messages/locale.js";
import {
  categorize,
  type DurationCategory,
  FEE_CATEGORY_LABELS,
  type FeeCategory,
  type FeeScheduleVersion,
  type PayoutMethod,
} from "./fee-schedule.js";
import { formatBasisPoints, formatMinutes, formatNumber, formatOre } from "./format.js";
import { type PriceBaseAmounts, priceBaseAmountFor } from "./price-base-amount.js";
import { type ExactOre, exactOre, roundOre, scale } from "./rounding.js";
import { isValidOn } from "./schedule-versions.js";

// Computes one fee claim (arvodesunderlag): one participant, one occasion. The result carries
// every amount in öre and a line-by-line explanation the participant and the attester can read.

export interface Expense {
  readonly description: string;
  readonly amountOre: number;
}

export interface FeeInput {
  /** The version valid on the occasion's date (see selectScheduleVersion). */
  readonly schedule: FeeScheduleVersion;
  /** ISO date of the occasion; it also picks the price base amount's year. */
  readonly occasionDate: string;
  /** Length of the occasion itself, without travel. */
  readonly durationMinutes: number;
  readonly travelMinutes: number;
  /** Claim the hourly rate instead of the short-occasion fee. */
  readonly hourly?: boolean;
  /** Agreed preparation beyond what the fee already covers. */
  readonly preparationMinutes: number;
  readonly mileageKm: number;
  readonly expenses: readonly Expense[];
  readonly priceBaseAmounts: PriceBaseAmounts;
}

export interface FeeComputation {
  readonly category: FeeCategory;
  /** Minutes used to choose the category: the occasion, plus travel when the schedule counts it. */
  readonly countedMinutes: number;
  readonly grossOre: number;
  readonly preparationOre: number;
  readonly mileageOre: number;
  readonly expensesOre: number;
  /** Fee plus paid preparation: the part that is income. Mileage and expenses are reimbursements. */
  readonly taxableOre: number;
  readonly withholdingOre: number;
  /** What reaches the participant: taxable − withholding + mileage + expenses. */
  readonly netOre: number;
  /** Employer's social fees on the taxable part, for the payer's information; null if the schedule has no rate. */
  readonly socialFeesOre: number | null;
  /** Year of the price base amount used; null under fixed amounts. */
  readonly pbbYear: number | null;
  readonly payoutMethod: PayoutMethod;
  readonly explanation: readonly LocalizedText[];
}

export const FEE_FAILURE_CODES = [
  "INVALID_OCCASION_DATE",
  "OUTSIDE_SCHEDULE_VALIDITY",
  "NO_PRICE_BASE_AMOUNT",
  "ZERO_DURATION",
  "INVALID_DURATION",
  "NO_CATEGORY",
  "HOURLY_NOT_OFFERED",
  "HOURLY_ONLY_FOR_SHORT",
  "INVALID_AMOUNT",
] as const;
export type FeeFailureCode = (typeof FEE_FAILURE_CODES)[number];

export interface FeeFailure {
  readonly code: FeeFailureCode;
  /** The input at fault, when there is one (e.g. `expenses[1].amountOre`). */
  readonly field: string | null;
  readonly message: LocalizedText;
}

export type FeeResult = { readonly ok: true; readonly fee: FeeComputation } | { readonly ok: false; readonly failure: FeeFailure };

const fail = (code: FeeFailureCode, field: string | null, sv: string, en: string): FeeResult => ({
  ok: false,
  failure: { code, field, message: { sv, en } },
});

const isCount = (value: number) => Number.isInteger(value) && value >= 0;

function checkInput(input: FeeInput): FeeResult | null {
  const { schedule, occasionDate } = input;
  if (parseIsoDate(occasionDate) === null) {
    return fail("INVALID_OCCASION_DATE", "occasionDate", "Datumet för tillfället är ogiltigt.", "The occasion's date is not valid.");
  }
  if (!isValidOn(schedule, occasionDate)) {
    return fail(
      "OUTSIDE_SCHEDULE_VALIDITY",
      "occasionDate",
      `Arvodesreglerna gäller inte den ${occasionDate}. Använd versionen som gäller det datumet.`,
      `The fee schedule does not apply on ${occasionDate}. Use the version valid on that date.`,
    );
  }
  for (const field of ["durationMinutes", "travelMinutes", "preparationMinutes"] as const) {
    if (!isCount(input[field])) {
      return fail("INVALID_DURATION", field, "Tider anges i hela minuter, noll eller fler.", "Times are whole minutes, zero or more.");
    }
  }
  if (input.durationMinutes === 0) {
    return fail("ZERO_DURATION", "durationMinutes", "Tillfället måste ha en längd.", "The occasion must have a length.");
  }
  if (!Number.isFinite(input.mileageKm) || input.mileageKm < 0) {
    return fail("INVALID_AMOUNT", "mileageKm", "Antal kilometer kan inte vara negativt.", "Kilometres cannot be negative.");
  }
  const badExpense = input.expenses.findIndex((expense) => !isCount(expense.amountOre));
  if (badExpense >= 0) {
    return fail(
      "INVALID_AMOUNT",
      `expenses[${badExpense}].amountOre`,
      "Ett utlägg måste vara ett belopp i hela öre, noll eller mer.",
      "An expense must be an amount in whole öre, zero or more.",
    );
  }
  return null;
}

/** Wording of a category's length range from the schedule's thresholds. */
function rangeText(schedule: FeeScheduleVersion, category: DurationCategory): LocalizedText {
  const index = schedule.categories.findIndex((rule) => rule.category === category);
  const upper = schedule.categories[index]?.upToMinutes ?? null;
  const lower = index > 0 ? (schedule.categories[index - 1]?.upToMinutes ?? null) : null;
  if (lower === null && upper === null) return { sv: "alla längder", en: "any length" };
  if (lower === null) return { sv: `upp till ${formatMinutes(upper ?? 0)}`, en: `up to ${formatMinutes(upper ?? 0)}` };
  if (upper === null) return { sv: `mer än ${formatMinutes(lower)}`, en: `more than ${formatMinutes(lower)}` };
  return {
    sv: `mer än ${formatMinutes(lower)}, upp till ${formatMinutes(upper)}`,
    en: `more than ${formatMinutes(lower)}, up to ${formatMinutes(upper)}`,
  };
}

export function computeFee(input: FeeInput): FeeResult {
  const invalid = checkInput(input);
  if (invalid) return invalid;
  const { schedule, occasionDate, durationMinutes, travelMinutes, preparationMinutes } = input;

  const countedMinutes = durationMinutes + (schedule.travelTimeCounts ? travelMinutes : 0);
  const durationCategory = categorize(countedMinutes, schedule);
  if (durationCategory === null) {
    return fail(
      "NO_CATEGORY",
      "durationMinutes",
      `Arvodesreglerna har ingen kategori för ${formatMinutes(countedMinutes)}.`,
      `The fee schedule has no category for ${formatMinutes(countedMinutes)}.`,
    );
  }
  if (input.hourly && schedule.hourlyValue === null) {
    return fail("HOURLY_NOT_OFFERED", "hourly", "Arvodesreglerna har inget timarvode.", "The fee schedule offers no hourly rate.");
  }
  if (input.hourly && durationCategory !== "SHORT") {
    return fail(
      "HOURLY_ONLY_FOR_SHORT",
      "hourly",
      "Timarvode kan bara väljas i stället för arvodet för ett kort uppdrag.",
      "The hourly rate can only be chosen instead of the fee for a short occasion.",
    );
  }

  // The share of the price base amount is taken for the occasion's year, not the claim's.
  let pbb: { year: number; kronor: number } | null = null;
  if (schedule.basis === "SHARE_OF_PRICE_BASE_AMOUNT") {
    const year = Number(occasionDate.slice(0, 4)); // a valid ISO date, checked above
    const kronor = priceBaseAmountFor(year, input.priceBaseAmounts);
    if (kronor === null) {
      return fail(
        "NO_PRICE_BASE_AMOUNT",
        "occasionDate",
        `Prisbasbeloppet för ${year} saknas. En administratör behöver lägga in det.`,
        `The price base amount for ${year} is missing. An administrator needs to add it.`,
      );
    }
    pbb = { year, kronor };
  }

  // A schedule value is öre (fixed) or basis points of the PBB: kronor × bp / 10 000 kr = kronor × bp / 100 öre.
  const valueOre = (value: number): ExactOre => (pbb === null ? exactOre(value) : exactOre(pbb.kronor * value, 100));
  const rateText = (value: number): LocalizedText =>
    pbb === null
      ? { sv: formatOre(value, "sv"), en: formatOre(value, "en") }
      : {
          sv: `${formatBasisPoints(value, "sv")} av prisbasbeloppet ${pbb.year} (${formatOre(pbb.kronor * 100, "sv")})`,
          en: `${formatBasisPoints(value, "en")} of the ${pbb.year} price base amount (${formatOre(pbb.kronor * 100, "en")})`,
        };
  // An hourly rate pro rata: exact until the one rounding, unless the schedule rounds the rate itself first.
  const hourlyAmount = (hourlyValue: number, minutes: number): { exact: ExactOre; rounded: number } => {
    const perHour =
      schedule.hourlyRateRounding === "ROUND_RATE" ? exactOre(roundOre(valueOre(hourlyValue), schedule.rounding)) : valueOre(hourlyValue);
    const exact = scale(perHour, minutes, 60);
    return { exact, rounded: roundOre(exact, schedule.rounding) };
  };
  const hourlyRateText = (hourlyValue: number): LocalizedText => {
    const rate = rateText(hourlyValue);
    if (schedule.hourlyRateRounding !== "ROUND_RATE" || pbb === null) return rate;
    const perHour = roundOre(valueOre(hourlyValue), schedule.rounding);
    return { sv: `${rate.sv}, avrundat till ${formatOre(perHour, "sv")}`, en: `${rate.en}, rounded to ${formatOre(perHour, "en")}` };
  };
  const amountText = (exact: ExactOre, rounded: number): LocalizedText => {
    const unrounded = exact.numerator / exact.denominator;
    if (Math.abs(unrounded - rounded) < 1e-9) return { sv: formatOre(rounded, "sv"), en: formatOre(rounded, "en") };
    return {
      sv: `${formatOre(unrounded, "sv")}, avrundat till ${formatOre(rounded, "sv")}`,
      en: `${formatOre(unrounded, "en")}, rounded to ${formatOre(rounded, "en")}`,
    };
  };

  const explanation: LocalizedText[] = [];
  const travelNote: LocalizedText =
    travelMinutes === 0
      ? { sv: "", en: "" }
      : schedule.travelTimeCounts
        ? {
            sv: ` (uppdrag ${formatMinutes(durationMinutes)} + restid ${formatMinutes(travelMinutes)})`,
            en: ` (occasion ${formatMinutes(durationMinutes)} + travel ${formatMinutes(travelMinutes)})`,
          }
        : {
            sv: ` (restid ${formatMinutes(travelMinutes)} räknas inte)`,
            en: ` (travel ${formatMinutes(travelMinutes)} does not count)`,
          };
  explanation.push({
    sv: `Tid som räknas: ${formatMinutes(countedMinutes)}${travelNote.sv}.`,
    en: `Time counted: ${formatMinutes(countedMinutes)}${travelNote.en}.`,
  });

  let category: FeeCategory;
  let grossOre: number;
  if (input.hourly && schedule.hourlyValue !== null) {
    category = "HOURLY";
    const { exact, rounded } = hourlyAmount(schedule.hourlyValue, countedMinutes);
    grossOre = rounded;
    const rate = hourlyRateText(schedule.hourlyValue);
    const amount = amountText(exact, grossOre);
    explanation.push({
      sv: `${FEE_CATEGORY_LABELS.HOURLY.sv}: ${rate.sv} per timme × ${formatMinutes(countedMinutes)} = ${amount.sv}.`,
      en: `${FEE_CATEGORY_LABELS.HOURLY.en}: ${rate.en} per hour × ${formatMinutes(countedMinutes)} = ${amount.en}.`,
    });
  } else {
    category = durationCategory;
    const rule = schedule.categories.find((candidate) => candidate.category === durationCategory);
    const exact = valueOre(rule?.value ?? 0);
    grossOre = roundOre(exact, schedule.rounding);
    const label = FEE_CATEGORY_LABELS[durationCategory];
    const range = rangeText(schedule, durationCategory);
    const rate = rateText(rule?.value ?? 0);
    explanation.push(
      pbb === null
        ? { sv: `${label.sv} (${range.sv}): fast belopp ${rate.sv}.`, en: `${label.en} (${range.en}): fixed amount ${rate.en}.` }
        : {
            sv: `${label.sv} (${range.sv}): ${rate.sv} = ${amountText(exact, grossOre).sv}.`,
            en: `${label.en} (${range.en}): ${rate.en} = ${amountText(exact, grossOre).en}.`,
          },
    );
  }

  let preparationOre = 0;
  if (preparationMinutes > 0) {
    const time = formatMinutes(preparationMinutes);
    if (schedule.preparationPaid && schedule.preparationHourlyValue !== null) {
      const { exact, rounded } = hourlyAmount(schedule.preparationHourlyValue, preparationMinutes);
      preparationOre = rounded;
      const rate = hourlyRateText(schedule.preparationHourlyValue);
      const amount = amountText(exact, preparationOre);
      explanation.push({
        sv: `Förberedelse ${time}: ${rate.sv} per timme = ${amount.sv}.`,
        en: `Preparation ${time}: ${rate.en} per hour = ${amount.en}.`,
      });
    } else {
      explanation.push({
        sv: `Förberedelse (${time}) ingår i arvodet och ersätts inte separat.`,
        en: `Preparation (${time}) is included in the fee and not paid separately.`,
      });
    }
  }

  // Kilometres may be fractional (42.5 km); money may not.
  const mileageOre = Math.round(input.mileageKm * schedule.mileageOrePerKm);
  if (input.mileageKm > 0) {
    explanation.push({
      sv: `Milersättning: ${formatNumber(input.mileageKm, "sv")} km × ${formatOre(schedule.mileageOrePerKm, "sv")} = ${formatOre(mileageOre, "sv")}.`,
      en: `Mileage: ${formatNumber(input.mileageKm, "en")} km × ${formatOre(schedule.mileageOrePerKm, "en")} = ${formatOre(mileageOre, "en")}.`,
    });
  }

  const expensesOre = input.expenses.reduce((sum, expense) => sum + expense.amountOre, 0);
  if (input.expenses.length > 0) {
    explanation.push({
      sv: `Utlägg (${input.expenses.length} st): ${formatOre(expensesOre, "sv")}.`,
      en: `Expenses (${input.expenses.length}): ${formatOre(expensesOre, "en")}.`,
    });
  }

  const taxableOre = grossOre + preparationOre;
  // Swedish tax deductions are made in whole kronor, rounded down, whatever the fee's own rounding.
  const withholdingOre =
    schedule.payoutMethod === "SALARY" ? roundOre(exactOre(taxableOre * schedule.withholdingBasisPoints, 10_000), "DOWN_TO_KRONA") : 0;
  explanation.push(
    schedule.payoutMethod === "SALARY"
      ? {
          sv: `Betalas ut som lön: skatteavdrag ${formatBasisPoints(schedule.withholdingBasisPoints, "sv")} av ${formatOre(taxableOre, "sv")} = ${formatOre(withholdingOre, "sv")} (nedåt till hela kronor).`,
          en: `Paid as salary: tax withheld ${formatBasisPoints(schedule.withholdingBasisPoints, "en")} of ${formatOre(taxableOre, "en")} = ${formatOre(withholdingOre, "en")} (down to whole kronor).`,
        }
      : { sv: "Betalas ut som arvode utan skatteavdrag.", en: "Paid as a fee without tax withheld." },
  );

  const netOre = taxableOre - withholdingOre + mileageOre + expensesOre;
  explanation.push({ sv: `Att betala ut: ${formatOre(netOre, "sv")}.`, en: `To pay out: ${formatOre(netOre, "en")}.` });

  const socialFeeRate = schedule.employerSocialFeeBasisPoints;
  const socialFeesOre = socialFeeRate === null ? null : roundOre(exactOre(taxableOre * socialFeeRate, 10_000), "EXACT_ORE");
  if (socialFeeRate !== null && socialFeesOre !== null) {
    explanation.push({
      sv: `Arbetsgivaravgifter för verksamheten (information): ${formatBasisPoints(socialFeeRate, "sv")} av ${formatOre(taxableOre, "sv")} = ${formatOre(socialFeesOre, "sv")}.`,
      en: `Employer's social fees for the unit (information): ${formatBasisPoints(socialFeeRate, "en")} of ${formatOre(taxableOre, "en")} = ${formatOre(socialFeesOre, "en")}.`,
    });
  }

  return {
    ok: true,
    fee: {
      category,
      countedMinutes,
      grossOre,
      preparationOre,
      mileageOre,
      expensesOre,
      taxableOre,
      withholdingOre,
      netOre,
      socialFeesOre,
      pbbYear: pbb?.year ?? null,
      payoutMethod: schedule.payoutMethod,
      explanation,
    },
  };
}
