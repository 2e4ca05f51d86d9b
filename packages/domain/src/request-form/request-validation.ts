import { parseIsoDateTime } from "../calendar/iso-date.js";
import { normaliseEmail } from "../contact-details/email-address.js";
import { normalisePhoneNumber } from "../contact-details/phone-number.js";
import { type FieldError, fieldError, itemLabel, nestedLabel } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { isBlank } from "../text/normalise.js";
import { checkInteger, checkOneOf, checkText, checkTextList } from "../validation/checks.js";
import { isPerspective } from "../vocabulary/vocabulary.js";
import {
  ASSIGNMENT_LENGTHS,
  REQUEST_FIELD_KEYS,
  REQUEST_FIELD_LABELS,
  type RequestFieldKey,
  type RequestFormConfig,
  type RequestInput,
} from "./request-form.js";

// Validates a submitted request against the tenant's form: a field the form requires must be
// filled in, and any field that is filled in must make sense, whether the form asks for it or not.

export interface RequestValidationOptions {
  /** When given, occasions must not start before this instant. */
  readonly now?: Date;
  /** When given, experience tag keys must be among these (the tenant's taxonomy). */
  readonly knownExperienceTagKeys?: readonly string[];
}

export const REQUEST_LIMITS = {
  titleLength: 200,
  textLength: 4000,
  shortTextLength: 300,
  costCentreLength: 50,
  maxPersons: 50,
  maxAudienceSize: 100_000,
  maxOccasions: 100,
  linkLength: 2000,
  maxCompetences: 10,
  competenceLength: 200,
} as const;

const L = {
  tag: { sv: "Erfarenhet", en: "Experience" },
  competence: { sv: "Kompetens", en: "Competence" },
  description: { sv: "Beskrivning", en: "Description" },
  perspective: { sv: "Perspektiv", en: "Perspective" },
  occasion: { sv: "Tillfälle", en: "Occasion" },
  startsAt: { sv: "Starttid", en: "Start time" },
  endsAt: { sv: "Sluttid", en: "End time" },
  place: { sv: "Plats", en: "Place" },
  placeOrLink: { sv: "Plats eller digital länk", en: "Place or digital link" },
  digitalLink: { sv: "Digital länk", en: "Digital link" },
  name: { sv: "Namn", en: "Name" },
  email: { sv: "E-postadress", en: "E-mail address" },
  phone: { sv: "Telefonnummer", en: "Phone number" },
  emailOrPhone: { sv: "E-postadress eller telefonnummer", en: "E-mail address or phone number" },
} as const satisfies Record<string, LocalizedText>;

const DATE_TIME_HINT: LocalizedText = {
  sv: "Ange datum och tid med tidszon, till exempel 2025-03-14T09:00+01:00.",
  en: "Give date and time with a time zone, for example 2025-03-14T09:00+01:00.",
};

interface FieldContext {
  readonly input: RequestInput;
  readonly form: RequestFormConfig;
  readonly options: RequestValidationOptions;
  readonly required: boolean;
  readonly errors: FieldError[];
  readonly field: string;
  readonly label: LocalizedText;
}

type FieldValidator = (context: FieldContext) => void;

type TextFieldKey =
  | "title"
  | "purpose"
  | "expectations"
  | "audience"
  | "selectionProcess"
  | "specialRequirements"
  | "preparation"
  | "compensationOffered"
  | "costCentre";

const text =
  (key: TextFieldKey, maxLength: number, multiline: boolean): FieldValidator =>
  ({ input, required, errors, field, label }) => {
    checkText(errors, field, label, input[key], { required, maxLength, multiline });
  };

const optionalInteger =
  (key: "numberOfPersons" | "audienceSize", min: number, max: number): FieldValidator =>
  ({ input, required, errors, field, label }) => {
    const value = input[key];
    if (value === null || value === undefined) {
      if (required) errors.push(fieldError(field, "REQUIRED", label));
      return;
    }
    checkInteger(errors, field, label, value, { min, max });
  };

function validateAssignmentType({ input, form, required, errors, field, label }: FieldContext): void {
  if (isBlank(input.assignmentType)) {
    if (required) errors.push(fieldError(field, "REQUIRED", label));
    return;
  }
  if (!form.assignmentTypes.some((type) => type.key === input.assignmentType)) {
    errors.push(fieldError(field, "NOT_ALLOWED", label));
  }
}

function validateExperienceSought({ input, options, required, errors, field, label }: FieldContext): void {
  const tagKeys = input.experienceSought?.tagKeys ?? [];
  const description = input.experienceSought?.text;
  if (tagKeys.length === 0 && isBlank(description)) {
    if (required) errors.push(fieldError(field, "REQUIRED", label));
    return;
  }
  const known = options.knownExperienceTagKeys ? new Set(options.knownExperienceTagKeys) : null;
  tagKeys.forEach((key, index) => {
    const at = `${field}.tagKeys[${index}]`;
    if (known !== null && !known.has(key)) errors.push(fieldError(at, "UNKNOWN_REFERENCE", itemLabel(L.tag, index)));
    else if (tagKeys.indexOf(key) !== index) errors.push(fieldError(at, "DUPLICATE", itemLabel(L.tag, index)));
  });
  checkText(errors, `${field}.text`, nestedLabel(label, L.description), description, {
    required: false,
    maxLength: REQUEST_LIMITS.textLength,
    multiline: true,
  });
}

const COMPETENCE_LIMITS = { maxItems: REQUEST_LIMITS.maxCompetences, maxLength: REQUEST_LIMITS.competenceLength } as const;

/** The competences sought as stored once validated: trimmed, blanks and repeats (ignoring case and accents) dropped. */
export function competencesAsStored(values: readonly string[] | null | undefined): string[] {
  return checkTextList([], "competencesSought", REQUEST_FIELD_LABELS.competencesSought, L.competence, values, COMPETENCE_LIMITS);
}

function validateCompetencesSought({ input, required, errors, field, label }: FieldContext): void {
  const kept = checkTextList(errors, field, label, L.competence, input.competencesSought, COMPETENCE_LIMITS);
  if (kept.length === 0 && required && !errors.some((error) => error.field.startsWith(field))) {
    errors.push(fieldError(field, "TOO_FEW", label, { min: 1 }));
  }
}

function validatePerspectivesSought({ input, required, errors, field, label }: FieldContext): void {
  const perspectives = input.perspectivesSought ?? [];
  if (perspectives.length === 0) {
    if (required) errors.push(fieldError(field, "TOO_FEW", label, { min: 1 }));
    return;
  }
  perspectives.forEach((perspective, index) => {
    const at = `${field}[${index}]`;
    if (!isPerspective(perspective)) errors.push(fieldError(at, "NOT_ALLOWED", itemLabel(L.perspective, index)));
    else if (perspectives.indexOf(perspective) !== index) {
      errors.push(fieldError(at, "DUPLICATE", itemLabel(L.perspective, index)));
    }
  });
}

function validateOneOffOrLong({ input, required, errors, field, label }: FieldContext): void {
  if (isBlank(input.oneOffOrLong)) {
    if (required) errors.push(fieldError(field, "REQUIRED", label));
    return;
  }
  checkOneOf(errors, field, label, input.oneOffOrLong, ASSIGNMENT_LENGTHS);
}

function isHttpsLink(value: string): boolean {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

function validateOccasions({ input, options, required, errors, field, label }: FieldContext): void {
  const occasions = input.occasions ?? [];
  if (occasions.length === 0) {
    if (required) errors.push(fieldError(field, "TOO_FEW", label, { min: 1 }));
    return;
  }
  if (occasions.length > REQUEST_LIMITS.maxOccasions) {
    errors.push(fieldError(field, "TOO_MANY", label, { max: REQUEST_LIMITS.maxOccasions }));
    return;
  }
  occasions.forEach((occasion, index) => {
    const at = `${field}[${index}]`;
    const item = itemLabel(L.occasion, index);
    const startsAt = parseIsoDateTime(occasion.startsAt ?? "");
    const endsAt = parseIsoDateTime(occasion.endsAt ?? "");
    if (startsAt === null) {
      errors.push(fieldError(`${at}.startsAt`, "INVALID_DATE", nestedLabel(item, L.startsAt), { hint: DATE_TIME_HINT }));
    } else if (options.now && startsAt.getTime() < options.now.getTime()) {
      errors.push(fieldError(`${at}.startsAt`, "DATE_IN_PAST", nestedLabel(item, L.startsAt)));
    }
    if (endsAt === null) {
      errors.push(fieldError(`${at}.endsAt`, "INVALID_DATE", nestedLabel(item, L.endsAt), { hint: DATE_TIME_HINT }));
    } else if (startsAt !== null && endsAt.getTime() <= startsAt.getTime()) {
      errors.push(
        fieldError(`${at}.endsAt`, "MUST_BE_AFTER", nestedLabel(item, L.endsAt), {
          other: { sv: "starttiden", en: "the start time" },
        }),
      );
    }
    checkText(errors, `${at}.place`, nestedLabel(item, L.place), occasion.place, {
      required: false,
      maxLength: REQUEST_LIMITS.shortTextLength,
    });
    const link = checkText(errors, `${at}.digitalLink`, nestedLabel(item, L.digitalLink), occasion.digitalLink, {
      required: false,
      maxLength: REQUEST_LIMITS.linkLength,
    });
    if (link !== null && !isHttpsLink(link)) {
      errors.push(
        fieldError(`${at}.digitalLink`, "INVALID_FORMAT", nestedLabel(item, L.digitalLink), {
          hint: { sv: "Länken ska börja med https://.", en: "The link must start with https://." },
        }),
      );
    }
    if (isBlank(occasion.place) && isBlank(occasion.digitalLink)) {
      errors.push(fieldError(`${at}.place`, "REQUIRED", nestedLabel(item, L.placeOrLink)));
    }
  });
}

function validateContactPerson({ input, required, errors, field, label }: FieldContext): void {
  const contact = input.contactPerson;
  if (!contact || (isBlank(contact.name) && isBlank(contact.email) && isBlank(contact.phone))) {
    if (required) errors.push(fieldError(field, "REQUIRED", label));
    return;
  }
  checkText(errors, `${field}.name`, nestedLabel(label, L.name), contact.name, { required: true, maxLength: 200 });
  if (!isBlank(contact.email) && normaliseEmail(contact.email ?? "") === null) {
    errors.push(fieldError(`${field}.email`, "INVALID_EMAIL", nestedLabel(label, L.email)));
  }
  if (!isBlank(contact.phone) && normalisePhoneNumber(contact.phone ?? "") === null) {
    errors.push(fieldError(`${field}.phone`, "INVALID_PHONE", nestedLabel(label, L.phone)));
  }
  if (isBlank(contact.email) && isBlank(contact.phone)) {
    errors.push(fieldError(`${field}.email`, "REQUIRED", nestedLabel(label, L.emailOrPhone)));
  }
}

const { titleLength, textLength, shortTextLength, costCentreLength } = REQUEST_LIMITS;

const VALIDATORS: Readonly<Record<RequestFieldKey, FieldValidator>> = {
  assignmentType: validateAssignmentType,
  title: text("title", titleLength, false),
  purpose: text("purpose", textLength, true),
  expectations: text("expectations", textLength, true),
  experienceSought: validateExperienceSought,
  competencesSought: validateCompetencesSought,
  perspectivesSought: validatePerspectivesSought,
  numberOfPersons: optionalInteger("numberOfPersons", 1, REQUEST_LIMITS.maxPersons),
  oneOffOrLong: validateOneOffOrLong,
  occasions: validateOccasions,
  audience: text("audience", textLength, true),
  audienceSize: optionalInteger("audienceSize", 0, REQUEST_LIMITS.maxAudienceSize),
  selectionProcess: text("selectionProcess", textLength, true),
  specialRequirements: text("specialRequirements", textLength, true),
  preparation: text("preparation", textLength, true),
  compensationOffered: text("compensationOffered", shortTextLength, true),
  costCentre: text("costCentre", costCentreLength, false),
  contactPerson: validateContactPerson,
};

/** Every problem with the request at once, as field-level errors; empty when it may be submitted. */
export function validateRequestAgainstForm(
  input: RequestInput,
  form: RequestFormConfig,
  options: RequestValidationOptions = {},
  path = "input",
): FieldError[] {
  const required = new Set(form.fields.filter((f) => f.required).map((f) => f.field));
  const errors: FieldError[] = [];
  for (const key of REQUEST_FIELD_KEYS) {
    VALIDATORS[key]({
      input,
      form,
      options,
      required: required.has(key),
      errors,
      field: `${path}.${key}`,
      label: REQUEST_FIELD_LABELS[key],
    });
  }
  return errors;
}
