import type { LocalizedText } from "./locale.js";

// Field-level validation errors: a closed list of codes, each with one message template in
// both languages. Callers name the field in human words (`label`), so the same catalogue
// serves registration, request forms and tenant configuration alike.

export const FIELD_ERROR_CODES = [
  "REQUIRED",
  "TOO_LONG",
  "TOO_SHORT",
  "TOO_FEW",
  "TOO_MANY",
  "INVALID_FORMAT",
  "INVALID_EMAIL",
  "INVALID_PHONE",
  "INVALID_DATE",
  "DATE_IN_FUTURE",
  "DATE_IN_PAST",
  "OUT_OF_RANGE",
  "MUST_BE_GREATER",
  "MUST_BE_AFTER",
  "NOT_ALLOWED",
  "UNKNOWN_REFERENCE",
  "DUPLICATE",
  "INCONSISTENT",
  "OVERLAP",
  "GAP",
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface FieldError {
  /** Path of the offending input, e.g. `input.guardian.name` or `input.occasions[0].endsAt`. */
  readonly field: string;
  readonly code: FieldErrorCode;
  readonly message: LocalizedText;
}

export interface FieldErrorDetails {
  /** Lower limit (length, count or value) for TOO_SHORT, TOO_FEW and OUT_OF_RANGE. */
  readonly min?: number;
  /** Upper limit (length, count or value) for TOO_LONG, TOO_MANY and OUT_OF_RANGE. */
  readonly max?: number;
  /** The other field or value compared with, phrased to sit mid-sentence ("the start time"). */
  readonly other?: LocalizedText;
  /** An extra sentence telling the person how to put it right. */
  readonly hint?: LocalizedText;
}

type Template = (label: LocalizedText, details: FieldErrorDetails) => LocalizedText;

const both = (sv: string, en: string): LocalizedText => ({ sv, en });

function range(label: LocalizedText, { min, max }: FieldErrorDetails): LocalizedText {
  if (min !== undefined && max !== undefined) {
    return both(`${label.sv} måste vara mellan ${min} och ${max}.`, `${label.en} must be between ${min} and ${max}.`);
  }
  if (min !== undefined) return both(`${label.sv} måste vara minst ${min}.`, `${label.en} must be at least ${min}.`);
  if (max !== undefined) return both(`${label.sv} får vara högst ${max}.`, `${label.en} must be at most ${max}.`);
  return both(`${label.sv} är utanför det tillåtna intervallet.`, `${label.en} is out of range.`);
}

const other = (details: FieldErrorDetails): LocalizedText => details.other ?? both("det andra värdet", "the other value");

const TEMPLATES: Record<FieldErrorCode, Template> = {
  REQUIRED: (l) => both(`${l.sv} måste fyllas i.`, `${l.en} is required.`),
  TOO_LONG: (l, d) => both(`${l.sv} får vara högst ${d.max} tecken.`, `${l.en} must be at most ${d.max} characters.`),
  TOO_SHORT: (l, d) => both(`${l.sv} måste vara minst ${d.min} tecken.`, `${l.en} must be at least ${d.min} characters.`),
  TOO_FEW: (l, d) => both(`${l.sv}: ange minst ${d.min}.`, `${l.en}: give at least ${d.min}.`),
  TOO_MANY: (l, d) => both(`${l.sv}: ange högst ${d.max}.`, `${l.en}: give at most ${d.max}.`),
  INVALID_FORMAT: (l) => both(`${l.sv} har fel format.`, `${l.en} has an invalid format.`),
  INVALID_EMAIL: (l) => both(`${l.sv} är inte en giltig e-postadress.`, `${l.en} is not a valid e-mail address.`),
  INVALID_PHONE: (l) =>
    both(
      `${l.sv} är inte ett giltigt telefonnummer. Skriv till exempel 070-123 45 67 eller +46 70 123 45 67.`,
      `${l.en} is not a valid phone number. Write for example 070-123 45 67 or +46 70 123 45 67.`,
    ),
  INVALID_DATE: (l) => both(`${l.sv} är inte ett giltigt datum.`, `${l.en} is not a valid date.`),
  DATE_IN_FUTURE: (l) => both(`${l.sv} kan inte ligga i framtiden.`, `${l.en} cannot be in the future.`),
  DATE_IN_PAST: (l) => both(`${l.sv} har redan passerat.`, `${l.en} is already in the past.`),
  OUT_OF_RANGE: range,
  MUST_BE_GREATER: (l, d) => both(`${l.sv} måste vara större än ${other(d).sv}.`, `${l.en} must be greater than ${other(d).en}.`),
  MUST_BE_AFTER: (l, d) => both(`${l.sv} måste vara senare än ${other(d).sv}.`, `${l.en} must be later than ${other(d).en}.`),
  NOT_ALLOWED: (l) => both(`${l.sv} har ett värde som inte är tillåtet.`, `${l.en} has a value that is not allowed.`),
  UNKNOWN_REFERENCE: (l) => both(`${l.sv} hänvisar till något som inte finns.`, `${l.en} refers to something that does not exist.`),
  DUPLICATE: (l) => both(`${l.sv} förekommer mer än en gång.`, `${l.en} occurs more than once.`),
  INCONSISTENT: (l, d) => both(`${l.sv} stämmer inte med ${other(d).sv}.`, `${l.en} does not match ${other(d).en}.`),
  OVERLAP: (l, d) => both(`${l.sv} överlappar ${other(d).sv}.`, `${l.en} overlaps ${other(d).en}.`),
  GAP: (l, d) => both(`${l.sv} lämnar ett glapp efter ${other(d).sv}.`, `${l.en} leaves a gap after ${other(d).en}.`),
};

export function fieldErrorMessage(code: FieldErrorCode, label: LocalizedText, details: FieldErrorDetails = {}): LocalizedText {
  const message = TEMPLATES[code](label, details);
  if (!details.hint) return message;
  return both(`${message.sv} ${details.hint.sv}`, `${message.en} ${details.hint.en}`);
}

export function fieldError(field: string, code: FieldErrorCode, label: LocalizedText, details: FieldErrorDetails = {}): FieldError {
  return { field, code, message: fieldErrorMessage(code, label, details) };
}

/** "Tillfälle 2" / "Occasion 2" for the item at zero-based `index` of a list. */
export function itemLabel(label: LocalizedText, index: number): LocalizedText {
  return both(`${label.sv} ${index + 1}`, `${label.en} ${index + 1}`);
}

/** "Tillfälle 2: sluttid" / "Occasion 2: end time". */
export function nestedLabel(parent: LocalizedText, child: LocalizedText): LocalizedText {
  return both(`${parent.sv}: ${lowerFirst(child.sv)}`, `${parent.en}: ${lowerFirst(child.en)}`);
}

// Keeps acronyms such as "PBB" intact while lower-casing ordinary first words.
function lowerFirst(text: string): string {
  const second = text.charAt(1);
  if (second !== "" && second === second.toUpperCase() && second !== second.toLowerCase()) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}
