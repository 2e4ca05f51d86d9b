import { type FieldError, fieldError, itemLabel } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { foldForComparison, normaliseLine, normaliseMultiline } from "../text/normalise.js";

// Small building blocks shared by the validators. Each one appends at most one error so that
// a form shows every problem at once, but only the first problem of each field.

export interface TextRule {
  readonly required: boolean;
  readonly maxLength: number;
  /** Keep line breaks (free text) instead of collapsing everything to one line. */
  readonly multiline?: boolean;
}

/** Normalises a text field and checks presence and length; returns the normalised text or null. */
export function checkText(
  errors: FieldError[],
  field: string,
  label: LocalizedText,
  value: string | null | undefined,
  rule: TextRule,
): string | null {
  const text = typeof value === "string" ? (rule.multiline ? normaliseMultiline(value) : normaliseLine(value)) : "";
  if (text === "") {
    if (rule.required) errors.push(fieldError(field, "REQUIRED", label));
    return null;
  }
  if (text.length > rule.maxLength) {
    errors.push(fieldError(field, "TOO_LONG", label, { max: rule.maxLength }));
    return null;
  }
  return text;
}

export interface IntegerRule {
  readonly min: number;
  readonly max: number;
}

/** True when `value` is an integer within the rule's inclusive bounds; otherwise appends an error. */
export function checkInteger(
  errors: FieldError[],
  field: string,
  label: LocalizedText,
  value: unknown,
  rule: IntegerRule,
): value is number {
  if (value === null || value === undefined) {
    errors.push(fieldError(field, "REQUIRED", label));
    return false;
  }
  if (typeof value !== "number" || !Number.isInteger(value) || value < rule.min || value > rule.max) {
    errors.push(fieldError(field, "OUT_OF_RANGE", label, { min: rule.min, max: rule.max }));
    return false;
  }
  return true;
}

/** True when `value` is one of `allowed`; otherwise appends REQUIRED or NOT_ALLOWED. */
export function checkOneOf<T extends string>(
  errors: FieldError[],
  field: string,
  label: LocalizedText,
  value: unknown,
  allowed: readonly T[],
): value is T {
  if (value === null || value === undefined || value === "") {
    errors.push(fieldError(field, "REQUIRED", label));
    return false;
  }
  if (!(allowed as readonly unknown[]).includes(value)) {
    errors.push(fieldError(field, "NOT_ALLOWED", label));
    return false;
  }
  return true;
}

/**
 * A list of short free texts (competences, languages): each item a line of at most `maxLength`, blanks dropped, and an
 * item that differs from an earlier one only in case, accents or punctuation dropped as the same; more than `maxItems`
 * left is TOO_MANY. Returns the kept items as given (trimmed).
 */
export function checkTextList(
  errors: FieldError[],
  field: string,
  listLabel: LocalizedText,
  itemLabelText: LocalizedText,
  values: readonly string[] | null | undefined,
  limits: { readonly maxItems: number; readonly maxLength: number },
): string[] {
  const result: string[] = [];
  const seen = new Set<string>();
  (values ?? []).forEach((value, index) => {
    const item = checkText(errors, `${field}[${index}]`, itemLabel(itemLabelText, index), value, {
      required: false,
      maxLength: limits.maxLength,
    });
    const key = item === null ? "" : foldForComparison(item);
    if (item !== null && !seen.has(key)) {
      seen.add(key);
      result.push(item);
    }
  });
  if (result.length > limits.maxItems) errors.push(fieldError(field, "TOO_MANY", listLabel, { max: limits.maxItems }));
  return result;
}
