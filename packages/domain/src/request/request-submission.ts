import { parseIsoDateTime } from "../calendar/iso-date.js";
import { normaliseEmail } from "../contact-details/email-address.js";
import { normalisePhoneNumber } from "../contact-details/phone-number.js";
import { type FieldError, fieldError } from "../messages/field-error.js";
import { type StoredRegionAnswer, validateRegionAnswers } from "../request-form/region-questions.js";
import {
  type AssignmentLength,
  type OccasionInput,
  REQUEST_FIELD_LABELS,
  type RequestFieldKey,
  type RequestFormConfig,
  type RequestInput,
} from "../request-form/request-form.js";
import { competencesAsStored, type RequestValidationOptions, validateRequestAgainstForm } from "../request-form/request-validation.js";
import { isBlank, lineOrNull, normaliseMultiline } from "../text/normalise.js";
import type { Perspective } from "../vocabulary/vocabulary.js";

// A submission is checked against the tenant's form (request-form/request-validation.ts does the field rules);
// this adds what every request needs whatever the form says, and hands back the values as they are stored.

/**
 * Without these a request cannot be told apart or routed. Every saved form requires them (validateRequestForm), so this
 * only guards against a form stored before that rule; what else is required is exactly what the form says.
 */
const ALWAYS_REQUIRED: readonly RequestFieldKey[] = ["assignmentType", "title"];

export interface ValidOccasion {
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly place: string | null;
  readonly digitalLink: string | null;
}

export interface ValidRequestSubmission {
  readonly assignmentType: string;
  readonly title: string;
  readonly purpose: string;
  readonly expectations: string | null;
  readonly experienceTagKeys: readonly string[];
  readonly experienceText: string | null;
  readonly competencesSought: readonly string[];
  readonly perspectivesSought: readonly Perspective[];
  readonly numberOfPersons: number;
  readonly assignmentLength: AssignmentLength;
  readonly occasions: readonly ValidOccasion[];
  readonly audienceDescription: string | null;
  readonly audienceSize: number | null;
  readonly selectionProcess: string | null;
  readonly specialRequirements: string | null;
  readonly preparation: string | null;
  readonly compensationOffered: string | null;
  readonly costCentreCode: string | null;
  /** Answers to the form's region questions, as they are kept with the request. */
  readonly answers: readonly StoredRegionAnswer[];
  /** Null when the form did not ask: the submitting staff user is the contact person. */
  readonly contactPerson: { readonly name: string; readonly email: string | null; readonly phone: string | null } | null;
}

export type RequestSubmissionResult =
  | { readonly ok: true; readonly value: ValidRequestSubmission }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

const text = (value: string | null | undefined): string | null => {
  if (isBlank(value)) return null;
  return normaliseMultiline(value ?? "");
};

/** Every problem at once; on success the normalised values to store. */
export function validateRequestSubmission(
  input: RequestInput,
  form: RequestFormConfig,
  options: RequestValidationOptions = {},
  path = "input",
): RequestSubmissionResult {
  const errors = [...validateRequestAgainstForm(input, form, options, path)];
  const regionAnswers = validateRegionAnswers(
    form.questions ?? [],
    input.answers ?? [],
    { oneOffOrLong: input.oneOffOrLong, assignmentType: input.assignmentType },
    `${path}.answers`,
  );
  errors.push(...regionAnswers.errors);
  for (const key of ALWAYS_REQUIRED) {
    const field = `${path}.${key}`;
    if (isBlank(input[key] as string | null | undefined) && !errors.some((error) => error.field === field)) {
      errors.push(fieldError(field, "REQUIRED", REQUEST_FIELD_LABELS[key]));
    }
  }
  if (errors.length > 0) return { ok: false, errors: sortByField(errors) };

  const contact = input.contactPerson;
  const hasContact = contact && !(isBlank(contact.name) && isBlank(contact.email) && isBlank(contact.phone));
  return {
    ok: true,
    value: {
      assignmentType: (input.assignmentType ?? "").trim(),
      title: lineOrNull(input.title) ?? "",
      purpose: text(input.purpose) ?? "",
      expectations: text(input.expectations),
      experienceTagKeys: [...(input.experienceSought?.tagKeys ?? [])],
      experienceText: text(input.experienceSought?.text),
      competencesSought: competencesAsStored(input.competencesSought),
      perspectivesSought: [...(input.perspectivesSought ?? [])] as Perspective[],
      numberOfPersons: input.numberOfPersons ?? 1,
      assignmentLength: (input.oneOffOrLong as AssignmentLength | null | undefined) ?? "ONE_OFF",
      occasions: (input.occasions ?? []).map(toValidOccasion),
      audienceDescription: text(input.audience),
      audienceSize: input.audienceSize ?? null,
      selectionProcess: text(input.selectionProcess),
      specialRequirements: text(input.specialRequirements),
      preparation: text(input.preparation),
      compensationOffered: text(input.compensationOffered),
      costCentreCode: lineOrNull(input.costCentre),
      answers: regionAnswers.answers,
      contactPerson: hasContact
        ? {
            name: lineOrNull(contact.name) ?? "",
            email: isBlank(contact.email) ? null : normaliseEmail(contact.email ?? ""),
            phone: isBlank(contact.phone) ? null : normalisePhoneNumber(contact.phone ?? ""),
          }
        : null,
    },
  };
}

/** An occasion the form validator has accepted, as stored. */
export function toValidOccasion(occasion: OccasionInput): ValidOccasion {
  const startsAt = parseIsoDateTime(occasion.startsAt);
  const endsAt = parseIsoDateTime(occasion.endsAt);
  if (startsAt === null || endsAt === null) throw new Error("toValidOccasion called with an unvalidated occasion");
  return { startsAt, endsAt, place: lineOrNull(occasion.place), digitalLink: lineOrNull(occasion.digitalLink) };
}

// The form validator walks fields in the form's canonical order; the extra checks are appended, so put them in place.
function sortByField(errors: readonly FieldError[]): FieldError[] {
  const order = (field: string) => {
    const key = field.split(".")[1]?.replace(/\[.*$/, "") ?? "";
    const index = Object.keys(REQUEST_FIELD_LABELS).indexOf(key);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return errors
    .map((error, position) => ({ error, position }))
    .sort((a, b) => order(a.error.field) - order(b.error.field) || a.position - b.position)
    .map(({ error }) => error);
}
