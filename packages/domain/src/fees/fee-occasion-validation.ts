import { isIsoDate } from "../calendar/iso-date.js";
import { type FieldError, fieldError, itemLabel, nestedLabel } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { checkInteger, checkText } from "../validation/checks.js";
import type { Expense } from "./fee-calculation.js";

// Checks the facts of an occasion someone asks a fee for (a preview, later a claim) field by field, so every
// mistake is reported at once. computeFee stops at the first bad fact; this is the form-level check before it.

export interface FeeOccasionFacts {
  readonly occasionDate: string;
  readonly durationMinutes: number;
  readonly travelMinutes: number;
  readonly preparationMinutes: number;
  readonly mileageKm: number;
  readonly expenses: readonly Expense[];
}

const L = {
  occasionDate: { sv: "Datum för tillfället", en: "Date of the occasion" },
  durationMinutes: { sv: "Tillfällets längd i minuter", en: "Length of the occasion in minutes" },
  travelMinutes: { sv: "Restid i minuter", en: "Travel time in minutes" },
  preparationMinutes: { sv: "Förberedelsetid i minuter", en: "Preparation time in minutes" },
  mileageKm: { sv: "Antal kilometer", en: "Kilometres" },
  expense: { sv: "Utlägg", en: "Expense" },
  description: { sv: "Beskrivning", en: "Description" },
  amountOre: { sv: "Belopp i öre", en: "Amount in öre" },
} as const satisfies Record<string, LocalizedText>;

/** Bounds that still catch a misplaced digit: one occasion lasts at most a day, travel likewise. */
export const FEE_OCCASION_LIMITS = {
  maxMinutes: 24 * 60,
  maxPreparationMinutes: 100 * 60,
  maxMileageKm: 5_000,
  maxExpenses: 50,
  maxExpenseOre: 10_000_000,
  descriptionLength: 200,
} as const;

export function validateFeeOccasion(facts: FeeOccasionFacts, path = "input"): FieldError[] {
  const errors: FieldError[] = [];
  if (!isIsoDate(facts.occasionDate)) errors.push(fieldError(`${path}.occasionDate`, "INVALID_DATE", L.occasionDate));
  checkInteger(errors, `${path}.durationMinutes`, L.durationMinutes, facts.durationMinutes, {
    min: 1,
    max: FEE_OCCASION_LIMITS.maxMinutes,
  });
  checkInteger(errors, `${path}.travelMinutes`, L.travelMinutes, facts.travelMinutes, { min: 0, max: FEE_OCCASION_LIMITS.maxMinutes });
  checkInteger(errors, `${path}.preparationMinutes`, L.preparationMinutes, facts.preparationMinutes, {
    min: 0,
    max: FEE_OCCASION_LIMITS.maxPreparationMinutes,
  });
  if (!Number.isFinite(facts.mileageKm) || facts.mileageKm < 0 || facts.mileageKm > FEE_OCCASION_LIMITS.maxMileageKm) {
    errors.push(fieldError(`${path}.mileageKm`, "OUT_OF_RANGE", L.mileageKm, { min: 0, max: FEE_OCCASION_LIMITS.maxMileageKm }));
  }
  if (facts.expenses.length > FEE_OCCASION_LIMITS.maxExpenses) {
    errors.push(fieldError(`${path}.expenses`, "TOO_MANY", L.expense, { max: FEE_OCCASION_LIMITS.maxExpenses }));
  }
  facts.expenses.forEach((expense, index) => {
    const at = `${path}.expenses[${index}]`;
    const item = itemLabel(L.expense, index);
    checkText(errors, `${at}.description`, nestedLabel(item, L.description), expense.description, {
      required: true,
      maxLength: FEE_OCCASION_LIMITS.descriptionLength,
    });
    checkInteger(errors, `${at}.amountOre`, nestedLabel(item, L.amountOre), expense.amountOre, {
      min: 0,
      max: FEE_OCCASION_LIMITS.maxExpenseOre,
    });
  });
  return errors;
}
