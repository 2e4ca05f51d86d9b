import type { FieldError } from "../messages/field-error.js";
import type { OccasionInput } from "../request-form/request-form.js";
import { validateRequestAgainstForm } from "../request-form/request-validation.js";
import { toValidOccasion, type ValidOccasion } from "./request-submission.js";

// One occasion added to a request later: the same rules as the occasions of a submission (end after start, a place
// or an https link, not in the past), so they are checked by the same validator rather than a copy of it.

const OCCASIONS_ONLY = { assignmentTypes: [], fields: [{ field: "occasions", required: true, help: { sv: "", en: "" } }] } as const;

export interface OccasionValidationOptions {
  /** A new occasion must not start before this; omit for occasions recorded after the fact (direct bookings). */
  readonly now?: Date;
}

export type OccasionValidationResult =
  | { readonly ok: true; readonly value: ValidOccasion }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

export function validateOccasion(
  occasion: OccasionInput,
  options: OccasionValidationOptions = {},
  path = "input",
): OccasionValidationResult {
  const errors = validateRequestAgainstForm({ occasions: [occasion] }, OCCASIONS_ONLY, { now: options.now }, "").map((error) => ({
    ...error,
    field: error.field.replace(/^\.occasions\[0\]/, path),
  }));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: toValidOccasion(occasion) };
}

/** Occasions given together (e.g. with a direct booking): every problem of every occasion at once. */
export function validateOccasions(
  occasions: readonly OccasionInput[],
  options: OccasionValidationOptions = {},
  path = "input.occasions",
): { readonly ok: true; readonly value: readonly ValidOccasion[] } | { readonly ok: false; readonly errors: readonly FieldError[] } {
  const errors = validateRequestAgainstForm({ occasions }, OCCASIONS_ONLY, { now: options.now }, "").map((error) => ({
    ...error,
    field: error.field.replace(/^\.occasions/, path),
  }));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: occasions.map(toValidOccasion) };
}
