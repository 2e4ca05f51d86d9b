import type { FieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { checkInteger, checkText } from "../validation/checks.js";

// Feedback after an assignment (seeds/001: Levande bibliotek evaluates with both the unit and the representative;
// seeds/003 step 5: the unit gives feedback to the participants and the development leader).

export const FEEDBACK_AUTHORS = ["UNIT", "PARTICIPANT", "COORDINATOR"] as const;
export type FeedbackAuthor = (typeof FEEDBACK_AUTHORS)[number];

export const FEEDBACK_LIMITS = { minRating: 1, maxRating: 5, commentLength: 4000, reasonLength: 1000 } as const;

const L = {
  rating: { sv: "Betyg", en: "Rating" },
  comment: { sv: "Kommentar", en: "Comment" },
  reason: { sv: "Skäl", en: "Reason" },
  note: { sv: "Anteckning", en: "Note" },
} as const satisfies Record<string, LocalizedText>;

export interface FeedbackInput {
  readonly rating?: number | null;
  readonly comment?: string | null;
}

export type FeedbackValidationResult =
  | { readonly ok: true; readonly value: { readonly rating: number | null; readonly comment: string | null } }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * The unit and the participants rate the assignment 1–5; the coordinator's feedback is the follow-up of both, so a
 * rating is optional there. The comment is free text.
 */
export function validateFeedback(input: FeedbackInput, author: FeedbackAuthor, path = "input"): FeedbackValidationResult {
  const errors: FieldError[] = [];
  const ratingGiven = input.rating !== null && input.rating !== undefined;
  const ratingOk =
    !ratingGiven && author === "COORDINATOR"
      ? true
      : checkInteger(errors, `${path}.rating`, L.rating, input.rating, { min: FEEDBACK_LIMITS.minRating, max: FEEDBACK_LIMITS.maxRating });
  const comment = checkText(errors, `${path}.comment`, L.comment, input.comment, {
    required: false,
    maxLength: FEEDBACK_LIMITS.commentLength,
    multiline: true,
  });
  if (errors.length > 0 || !ratingOk) return { ok: false, errors };
  return { ok: true, value: { rating: ratingGiven ? (input.rating as number) : null, comment } };
}

export type TextResult =
  | { readonly ok: true; readonly value: string | null }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * The reason given with a decline or cancellation, or the coordinator's follow-up note. Whether one is needed is a
 * lifecycle rule (checkRequestAction); here only its length and form.
 */
export function validateReason(value: string | null | undefined, field = "input.reason", kind: "reason" | "note" = "reason"): TextResult {
  const errors: FieldError[] = [];
  const text = checkText(errors, field, L[kind], value, {
    required: false,
    maxLength: kind === "note" ? FEEDBACK_LIMITS.commentLength : FEEDBACK_LIMITS.reasonLength,
    multiline: true,
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: text };
}
