import { parseIsoDate } from "../calendar/iso-date.js";
import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { isBlank } from "../text/normalise.js";
import { checkText } from "../validation/checks.js";

// The written agreement of a long assignment (Kalmar, seeds/003 step 3: "Vid uppdrag som löper över en längre
// tidsperiod skrivs en överenskommelse om medverkandes uppdrag. Denna undertecknas av både uppdragsgivare och
// medverkande"). The platform records that it was signed by both, for which period and what it covers.

export const AGREEMENT_LIMITS = { scopeLength: 4000 } as const;

/** Signatures are dated when they happened; a small allowance covers clocks that are slightly ahead. */
const SIGNATURE_CLOCK_TOLERANCE_MS = 5 * 60_000;

const LABELS = {
  validFrom: { sv: "Gäller från", en: "Valid from" },
  validTo: { sv: "Gäller till", en: "Valid to" },
  validFromOther: { sv: "startdatumet", en: "the start date" },
  scope: { sv: "Uppdragets omfattning", en: "Scope of the assignment" },
  signedByMemberAt: { sv: "Den medverkandes underskrift", en: "The participant's signature" },
  signedByUnitAt: { sv: "Uppdragsgivarens underskrift", en: "The unit's signature" },
} as const satisfies Record<string, LocalizedText>;

export interface AgreementInput {
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
  readonly scope?: string | null;
  readonly signedByMemberAt?: Date | null;
  readonly signedByUnitAt?: Date | null;
}

export interface Agreement {
  /** Calendar dates, both inclusive. */
  readonly validFrom: string;
  readonly validTo: string;
  readonly scope: string;
  readonly signedByMemberAt: Date;
  readonly signedByUnitAt: Date;
}

export type AgreementResult =
  | { readonly ok: true; readonly value: Agreement }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

const isValidInstant = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());

function checkDate(errors: FieldError[], field: string, label: LocalizedText, value: string | null | undefined): string | null {
  if (isBlank(value)) {
    errors.push(fieldError(field, "REQUIRED", label));
    return null;
  }
  const text = (value as string).trim();
  if (parseIsoDate(text) === null) {
    errors.push(
      fieldError(field, "INVALID_DATE", label, { hint: { sv: "Skriv datumet som ÅÅÅÅ-MM-DD.", en: "Write the date as YYYY-MM-DD." } }),
    );
    return null;
  }
  return text;
}

function checkSignature(errors: FieldError[], field: string, label: LocalizedText, value: Date | null | undefined, now: Date): Date | null {
  if (value === null || value === undefined) {
    errors.push(
      fieldError(field, "REQUIRED", label, {
        hint: { sv: "Överenskommelsen ska undertecknas av båda parter.", en: "The agreement must be signed by both parties." },
      }),
    );
    return null;
  }
  if (!isValidInstant(value)) {
    errors.push(fieldError(field, "INVALID_DATE", label));
    return null;
  }
  if (value.getTime() > now.getTime() + SIGNATURE_CLOCK_TOLERANCE_MS) {
    errors.push(fieldError(field, "DATE_IN_FUTURE", label));
    return null;
  }
  return value;
}

/** Checks a whole agreement: both signatures, a period whose end is not before its start, and what it covers. */
export function validateAgreement(input: AgreementInput, now: Date, path = "input"): AgreementResult {
  const errors: FieldError[] = [];
  const validFrom = checkDate(errors, `${path}.validFrom`, LABELS.validFrom, input.validFrom);
  let validTo = checkDate(errors, `${path}.validTo`, LABELS.validTo, input.validTo);
  if (validFrom !== null && validTo !== null && validTo < validFrom) {
    errors.push(fieldError(`${path}.validTo`, "MUST_BE_AFTER", LABELS.validTo, { other: LABELS.validFromOther }));
    validTo = null;
  }
  const scope = checkText(errors, `${path}.scope`, LABELS.scope, input.scope, {
    required: true,
    maxLength: AGREEMENT_LIMITS.scopeLength,
    multiline: true,
  });
  const signedByMemberAt = checkSignature(errors, `${path}.signedByMemberAt`, LABELS.signedByMemberAt, input.signedByMemberAt, now);
  const signedByUnitAt = checkSignature(errors, `${path}.signedByUnitAt`, LABELS.signedByUnitAt, input.signedByUnitAt, now);
  if (errors.length > 0 || !validFrom || !validTo || !scope || !signedByMemberAt || !signedByUnitAt) return { ok: false, errors };
  return { ok: true, value: { validFrom, validTo, scope, signedByMemberAt, signedByUnitAt } };
}

/** A long assignment's agreement is in place once both have signed. */
export function isAgreementSigned(assignment: {
  readonly agreementSignedByMemberAt: Date | null;
  readonly agreementSignedByUnitAt: Date | null;
}): boolean {
  return assignment.agreementSignedByMemberAt !== null && assignment.agreementSignedByUnitAt !== null;
}
