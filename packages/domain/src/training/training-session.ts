import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { checkInteger, checkOneOf, checkText } from "../validation/checks.js";
import type { ValidationResult } from "../validation/patch.js";

// An introduction or training session of a network (VGR's mandatory digital introduction of about 1.5 h). The checks
// are pure: the caller merges a patch with the stored session first, so cross-field rules (end after start, a link for a
// digital session) always look at the session as it would be saved.

export const TRAINING_FORMATS = ["DIGITAL", "IN_PERSON"] as const;
export type TrainingFormat = (typeof TRAINING_FORMATS)[number];

export interface TrainingSessionFields {
  readonly title: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly format: TrainingFormat;
  /** Where an in-person session is held; null for a digital one. */
  readonly place: string | null;
  /** The meeting link of a digital session; null for an in-person one. */
  readonly digitalLink: string | null;
  readonly capacity: number;
}

export interface TrainingSessionFieldsInput {
  readonly title?: string | null;
  readonly startsAt?: Date | null;
  readonly endsAt?: Date | null;
  readonly format?: string | null;
  readonly place?: string | null;
  readonly digitalLink?: string | null;
  readonly capacity?: number | null;
}

export const TRAINING_SESSION_LIMITS = { titleLength: 200, placeLength: 300, linkLength: 2000, maxCapacity: 1000 } as const;

export const TRAINING_SESSION_LABELS = {
  networkId: { sv: "Nätverk", en: "Network" },
  title: { sv: "Rubrik", en: "Title" },
  startsAt: { sv: "Starttid", en: "Start time" },
  endsAt: { sv: "Sluttid", en: "End time" },
  format: { sv: "Form", en: "Format" },
  place: { sv: "Plats", en: "Place" },
  digitalLink: { sv: "Möteslänk", en: "Meeting link" },
  capacity: { sv: "Antal platser", en: "Capacity" },
} as const satisfies Record<string, LocalizedText>;

const isValidDate = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());

/** Only web links: a front end renders the link as something to click, so nothing like `javascript:` may pass. */
export function isMeetingLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * Checks a whole session (a new one, or a stored one with a patch applied) and normalises it. Every problem is
 * reported at once. A digital session keeps no place and an in-person one no link, so a changed format cannot leave a
 * stale link to be shown to participants.
 */
export function validateTrainingSession(input: TrainingSessionFieldsInput, path = "input"): ValidationResult<TrainingSessionFields> {
  const errors: FieldError[] = [];
  const L = TRAINING_SESSION_LABELS;
  const limits = TRAINING_SESSION_LIMITS;

  const title = checkText(errors, `${path}.title`, L.title, input.title, { required: true, maxLength: limits.titleLength });

  let startsAt: Date | null = null;
  if (input.startsAt === null || input.startsAt === undefined) errors.push(fieldError(`${path}.startsAt`, "REQUIRED", L.startsAt));
  else if (!isValidDate(input.startsAt)) errors.push(fieldError(`${path}.startsAt`, "INVALID_DATE", L.startsAt));
  else startsAt = input.startsAt;

  let endsAt: Date | null = null;
  if (input.endsAt === null || input.endsAt === undefined) errors.push(fieldError(`${path}.endsAt`, "REQUIRED", L.endsAt));
  else if (!isValidDate(input.endsAt)) errors.push(fieldError(`${path}.endsAt`, "INVALID_DATE", L.endsAt));
  else if (startsAt && input.endsAt.getTime() <= startsAt.getTime()) {
    errors.push(fieldError(`${path}.endsAt`, "MUST_BE_AFTER", L.endsAt, { other: { sv: "starttiden", en: "the start time" } }));
  } else endsAt = input.endsAt;

  const capacityOk = checkInteger(errors, `${path}.capacity`, L.capacity, input.capacity, { min: 1, max: limits.maxCapacity });

  let format: TrainingFormat | null = null;
  if (checkOneOf(errors, `${path}.format`, L.format, input.format, TRAINING_FORMATS)) format = input.format;

  let place: string | null = null;
  let digitalLink: string | null = null;
  if (format === "IN_PERSON") {
    place = checkText(errors, `${path}.place`, L.place, input.place, { required: true, maxLength: limits.placeLength });
  }
  if (format === "DIGITAL") {
    digitalLink = checkText(errors, `${path}.digitalLink`, L.digitalLink, input.digitalLink, {
      required: true,
      maxLength: limits.linkLength,
    });
    if (digitalLink !== null && !isMeetingLink(digitalLink)) {
      errors.push(
        fieldError(`${path}.digitalLink`, "INVALID_FORMAT", L.digitalLink, {
          hint: { sv: "Ange en webbadress som börjar med https://.", en: "Give a web address starting with https://." },
        }),
      );
      digitalLink = null;
    }
  }

  if (errors.length > 0 || title === null || startsAt === null || endsAt === null || format === null || !capacityOk) {
    return { ok: false, errors };
  }
  return { ok: true, value: { title, startsAt, endsAt, format, place, digitalLink, capacity: input.capacity as number } };
}

/** Capacity may not drop below the people already holding a place: nobody loses a confirmed place by an edit. */
export function checkCapacityCoversEnrolled(errors: FieldError[], field: string, capacity: number, enrolled: number): void {
  if (capacity < enrolled) {
    errors.push(
      fieldError(field, "OUT_OF_RANGE", TRAINING_SESSION_LABELS.capacity, {
        min: enrolled,
        hint: {
          sv: `${enrolled} personer har redan plats. Avboka någon först om tillfället ska bli mindre.`,
          en: `${enrolled} people already hold a place. Cancel someone first to make the session smaller.`,
        },
      }),
    );
  }
}
